using System;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Why the route table could not be read or used.</summary>
    public enum RouteTableErrorKind
    {
        /// <summary>No default route to take the next hop and interface from, and none was given.</summary>
        NoDefaultRoute,

        /// <summary>The platform tool or API failed or answered something unreadable.</summary>
        PlatformFailure,
    }

    /// <summary>An error reading or using the route table (not a failure of individual routes, which is reported per route).</summary>
    public sealed class RouteTableException : Exception
    {
        /// <summary>Creates the error.</summary>
        public RouteTableException(RouteTableErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>What went wrong.</summary>
        public RouteTableErrorKind Kind { get; }
    }
}
