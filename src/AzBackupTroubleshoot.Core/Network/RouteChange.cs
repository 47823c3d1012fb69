namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>What happened to one route.</summary>
    public enum RouteAction
    {
        /// <summary>The route was added in this run.</summary>
        Added,

        /// <summary>A route to the destination was there already; nothing was changed.</summary>
        AlreadyPresent,

        /// <summary>-WhatIf: the route would be added.</summary>
        WouldAdd,

        /// <summary>The route was added in this run and removed again because a later route failed.</summary>
        RolledBack,

        /// <summary>The route (one of the module's own) was removed.</summary>
        Removed,

        /// <summary>-WhatIf: the route would be removed.</summary>
        WouldRemove,
    }

    /// <summary>One route the datacenter-route cmdlets added, found, would add, rolled back or removed.</summary>
    public sealed class RouteChange
    {
        /// <summary>Creates a change.</summary>
        public RouteChange(string destinationPrefix, string? nextHop, string? @interface, RouteAction action, IReadOnlyList<string>? serviceTags)
            : this(destinationPrefix, nextHop, @interface, action, serviceTags, null)
        {
        }

        /// <summary>Creates a change on a named computer.</summary>
        public RouteChange(string destinationPrefix, string? nextHop, string? @interface, RouteAction action, IReadOnlyList<string>? serviceTags, string? computerName)
        {
            DestinationPrefix = destinationPrefix ?? throw new ArgumentNullException(nameof(destinationPrefix));
            NextHop = nextHop ?? string.Empty;
            Interface = @interface ?? string.Empty;
            Action = action;
            ServiceTags = serviceTags ?? Array.Empty<string>();
            ComputerName = computerName ?? string.Empty;
        }

        /// <summary>The destination block, for example <c>20.38.108.0/23</c>.</summary>
        public string DestinationPrefix { get; }

        /// <summary>The next hop (gateway), empty for an on-link route.</summary>
        public string NextHop { get; }

        /// <summary>The interface (Linux device or Windows interface alias).</summary>
        public string Interface { get; }

        /// <summary>What happened.</summary>
        public RouteAction Action { get; }

        /// <summary>The Service Tags whose prefixes the route covers (empty when unknown, e.g. removal of older routes).</summary>
        public IReadOnlyList<string> ServiceTags { get; }

        /// <summary>The computer whose route table it is (empty when not recorded).</summary>
        public string ComputerName { get; }

        /// <summary>The same change, recorded as made on <paramref name="computerName"/>.</summary>
        public RouteChange On(string computerName) => new RouteChange(DestinationPrefix, NextHop, Interface, Action, ServiceTags, computerName);

        /// <inheritdoc />
        public override string ToString() => $"{Action} {DestinationPrefix} via {(NextHop.Length == 0 ? "(on-link)" : NextHop)} dev {Interface}";
    }
}
