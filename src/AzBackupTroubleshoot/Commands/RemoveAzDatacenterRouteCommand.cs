using System.Management.Automation;
using AzBackupTroubleshoot.Core.Network;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Removes routes that Add-AzDatacenterRoute added (recognised by the module's mark, proto 252 on Linux and route metric
    /// 252 on Windows, and by the module's record of the routes it added), for the selected tags, the piped route changes,
    /// or all of them, on this machine or the -CimSession and -ComputerName machines. Routes without the mark, or with it
    /// but not in the record, are never touched.
    /// </summary>
    /// <remarks>
    /// ConfirmImpact is Medium, not High: only the module's own routes can be removed, and Add-AzDatacenterRoute puts them
    /// back; prompting by default would make the usual Add/Remove pair awkward in scripts.
    /// </remarks>
    [Cmdlet(VerbsCommon.Remove, "AzDatacenterRoute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SelectionSet)]
    [OutputType(typeof(RouteChange))]
    public sealed class RemoveAzDatacenterRouteCommand : DatacenterRouteCmdlet
    {
        private const string SelectionSet = "Selection";
        private const string AllSet = "All";

        /// <summary>Removes every route the module added (both address families unless -AddressFamily is given).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var targets = RouteTargets("Remove-AzDatacenterRoute");
            var pipedChangesOnly = Piped.RouteChanges.Count > 0 && ServiceTag is null && Region is null && Piped.Tags.Count == 0;
            LoadServiceTagFile(All.IsPresent || pipedChangesOnly ? null : ReadSelection(null));
            var familyGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AddressFamily));
            var families = All.IsPresent && !familyGiven ? new[] { IpFamily.IPv4, IpFamily.IPv6 } : new[] { AddressFamily };
            var selection = All.IsPresent ? null : Selection(out families);
            if (!All.IsPresent && selection is null)
            {
                return;
            }

            RequireElevation(targets, "Removing routes");
            ForEachRouteTable(targets, persistent: false, (manager, computer, remote) => RemoveRoutes(manager, families, selection, computer, remote));
        }

        /// <summary>Finds the module's routes in one machine's table and removes those of the selection.</summary>
        private void RemoveRoutes(DatacenterRouteManager manager, IpFamily[] families, RouteSelection? selection, string computer, bool remote)
        {
            var on = remote ? $" on {computer}" : string.Empty;
            foreach (var family in families)
            {
                var found = RunRouteTable(manager.FindOwnRoutesAsync(family, CancellationToken));
                var own = found.Recorded;
                var targets = own.Where(r => selection is null || selection.Matches(r.Destination)).ToList();
                WriteVerbose($"{computer}: {own.Count + found.NotRecorded.Count} {family} route(s) carry the module's mark; {own.Count} of them are in its record ({manager.RecordPath}); {targets.Count} match the selection.");
                var strangers = found.NotRecorded.Where(r => selection is null || selection.Matches(r.Destination)).ToList();
                if (strangers.Count > 0)
                {
                    WriteWarning($"{strangers.Count} {family} route(s){on} carry the module's mark but are not in the module's record ({manager.RecordPath}), so they were left alone (another tool's, or added by hand): "
                        + string.Join(", ", strangers.Take(10).Select(r => r.ToString())) + (strangers.Count > 10 ? ", ..." : string.Empty) + ".");
                }
                var approved = new List<InstalledRoute>();
                foreach (var group in targets.GroupBy(r => r.Destination))
                {
                    var route = group.First();
                    var target = route.Destination.ToString();
                    var via = $"via {route.NextHop ?? "(on-link)"} dev {route.Interface ?? "?"}{on}";
                    if (ShouldProcess($"Removing route {target} {via}.", $"Remove route {target} {via}?", "Remove-AzDatacenterRoute", out var reason))
                    {
                        approved.AddRange(group);
                    }
                    else if (reason == ShouldProcessReason.WhatIf)
                    {
                        WriteObject(new RouteChange(target, route.NextHop, route.Interface, RouteAction.WouldRemove, selection?.TagsOf(route.Destination), computer));
                    }
                }

                if (approved.Count == 0)
                {
                    continue;
                }

                var tagsByPrefix = approved.Select(r => r.Destination).Distinct().ToDictionary(d => d, d => selection?.TagsOf(d) ?? (IReadOnlyList<string>)Array.Empty<string>());
                var result = RunRouteTable(manager.RemoveAsync(approved, tagsByPrefix, CancellationToken));
                foreach (var change in result.Changes)
                {
                    WriteObject(change.On(computer));
                }

                if (result.Error != null)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.RouteRemoveFailed, ErrorCategory.WriteError, remote ? computer : null, remote ? $"{computer}: {result.Error}" : result.Error));
                }
            }
        }

        /// <summary>What to remove when -All is not given: the selected tags' blocks, or the piped route changes.</summary>
        private RouteSelection? Selection(out IpFamily[] families)
        {
            families = new[] { AddressFamily };
            if (Piped.RouteChanges.Count > 0 && ServiceTag is null && Region is null && Piped.Tags.Count == 0)
            {
                var prefixes = new List<DatacenterPrefix>();
                foreach (var change in Piped.RouteChanges.Where(c => c.Action == RouteAction.Added || c.Action == RouteAction.AlreadyPresent || c.Action == RouteAction.WouldAdd))
                {
                    if (IpPrefix.TryParse(change.DestinationPrefix, out var prefix))
                    {
                        prefixes.Add(new DatacenterPrefix(prefix, change.ServiceTags));
                    }
                }

                families = prefixes.Select(p => p.Prefix.Family).Distinct().ToArray();
                return new RouteSelection(prefixes, exactOnly: true);
            }

            var document = Document();
            if (document is null || (ServiceTag is null && Region is null && Piped.Tags.Count == 0))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ServiceTagSelectionRequired,
                    ErrorCategory.InvalidArgument,
                    ServiceTagFile,
                    "Say which routes to remove: -ServiceTagFile with -Region or -ServiceTag, piped tags or RouteChange objects, or -All.",
                    recommendedAction: "Remove-AzDatacenterRoute -All removes every route the module added."));
            }

            var tags = ServiceTag != null || Region != null ? Select(document!, null) : Piped.Tags;
            var set = DatacenterPrefixSet.FromTags(tags, AddressFamily);
            return new RouteSelection(set.Prefixes, exactOnly: false);
        }

        /// <summary>
        /// Blocks to remove. Tag selections also match routes inside a block (routes an older Service Tags file aggregated
        /// differently); piped route changes match exactly.
        /// </summary>
        private sealed class RouteSelection
        {
            private readonly IReadOnlyList<DatacenterPrefix> _prefixes;
            private readonly bool _exactOnly;

            public RouteSelection(IReadOnlyList<DatacenterPrefix> prefixes, bool exactOnly)
            {
                _prefixes = prefixes;
                _exactOnly = exactOnly;
            }

            public bool Matches(IpPrefix destination) => Find(destination) != null;

            public IReadOnlyList<string> TagsOf(IpPrefix destination) => Find(destination)?.ServiceTags ?? Array.Empty<string>();

            private DatacenterPrefix? Find(IpPrefix destination) =>
                _prefixes.FirstOrDefault(p => _exactOnly ? p.Prefix.Equals(destination) : p.Prefix.Contains(destination));
        }
    }
}
