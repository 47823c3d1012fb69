namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Why the route table could not be read or used.</summary>
    public enum RouteTableErrorKind
    {
        /// <summary>No default route to take the next hop and interface from, and none was given.</summary>
        NoDefaultRoute,

        /// <summary>The platform tool or API failed or answered something unreadable.</summary>
        PlatformFailure,

        /// <summary>A value that would go into a route command is not a valid address or interface name.</summary>
        InvalidRouteValue,

        /// <summary>The module's record of its routes exists but cannot be read (nothing is removed then).</summary>
        RecordUnreadable,

        /// <summary>The module's record of its routes cannot be written (nothing is added then).</summary>
        RecordUnwritable,
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
