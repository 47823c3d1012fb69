using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Network;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Adds routes to the Azure datacenter addresses of Service Tags (a region's AzureCloud and Storage tags, or named tags),
    /// as the fewest CIDR blocks that cover them, through the current default gateway: on Linux with ip, on Windows (this
    /// machine, -CimSession or -ComputerName) with MSFT_NetRoute.Create, as New-NetRoute does.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AzDatacenterRoute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RouteChange))]
    public sealed class AddAzDatacenterRouteCommand : DatacenterRouteCmdlet
    {
        private NextHopAddress? _nextHop;

        /// <summary>The next hop (one address of the routes' family); by default the current default route's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NextHop { get; set; }

        /// <summary>
        /// The interface (Linux device name: 1-15 printable ASCII characters without '/', ':', '#', quotes or '\'; Windows
        /// interface alias: no control characters); by default the current default route's.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InterfaceAlias { get; set; }

        /// <summary>Windows: keep the routes across restarts (created in both the ActiveStore and the PersistentStore). Linux: has no effect.</summary>
        [Parameter]
        public SwitchParameter Persistent { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var targets = RouteTargets("Add-AzDatacenterRoute");
            ValidateGatewayParameters(targets);
            var regionsFromResults = RegionsFromHealthResults(targets, out var needsRoutes);
            if (!needsRoutes)
            {
                WriteVerbose("No piped health result asks for AddDatacenterRoute on a machine whose routes this run changes: no route is needed.");
                return;
            }

            LoadServiceTagFile(ReadSelection(regionsFromResults));
            var document = Document();
            if (document is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ServiceTagsRequired,
                    ErrorCategory.InvalidArgument,
                    null,
                    "No Service Tags were given: pass -ServiceTagFile (the weekly ServiceTags_Public_YYYYMMDD.json download) or pipe tag objects (Get-AzNetworkServiceTag).",
                    recommendedAction: "Download 'Azure IP Ranges and Service Tags - Public Cloud' and pass it with -ServiceTagFile."));
            }

            var explicitSelection = ServiceTag != null || Region != null || regionsFromResults.Count > 0;
            if (!explicitSelection && Piped.Tags.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ServiceTagSelectionRequired,
                    ErrorCategory.InvalidArgument,
                    ServiceTagFile,
                    Piped.HealthResults.Count > 0
                        ? "The health results show no network access, but the VM's region is not known from them: give -Region or -ServiceTag."
                        : "Say which tags to route: -Region (its AzureCloud and Storage tags) or -ServiceTag.",
                    recommendedAction: "For example: -Region westeurope, or -ServiceTag Storage.WestEurope."));
            }

            var tags = explicitSelection ? Select(document!, regionsFromResults) : Piped.Tags.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
            var set = DatacenterPrefixSet.FromTags(tags, AddressFamily, RoutePolicy.Default);
            WarnRefused(set.Refused, string.Empty);
            WriteVerbose($"{set.InputCount} {AddressFamily} prefixes of {tags.Count} tag(s) aggregate to {set.Prefixes.Count} route(s){(set.Refused.Count > 0 ? $" ({set.Refused.Count} refused by the route policy)" : string.Empty)}.");
            if (set.Prefixes.Count == 0)
            {
                WriteWarning($"The selected tags ({string.Join(", ", tags.Select(t => t.Name))}) have no {AddressFamily} prefixes: no route to add.");
                return;
            }

            RequireElevation(targets, "Adding routes");
            var done = ForEachRouteTable(targets, Persistent.IsPresent, (manager, computer, remote) => AddRoutes(manager, set, computer, remote));
            WriteProgress(new ProgressRecord(1, "Add-AzDatacenterRoute", "Done") { RecordType = ProgressRecordType.Completed });
            if (done > 0)
            {
                WriteWarning(DatacenterRouteAdvice.Create(document, tags, ServiceTag).Text);
            }
        }

        /// <summary>Plans, confirms and adds the routes on one machine's table.</summary>
        private void AddRoutes(DatacenterRouteManager manager, DatacenterPrefixSet set, string computer, bool remote)
        {
            var on = remote ? $" on {computer}" : string.Empty;
            WriteProgress(new ProgressRecord(1, "Add-AzDatacenterRoute", $"Reading the route table{on} for {set.Prefixes.Count} routes") { PercentComplete = 10 });
            var plan = RunRouteTable(manager.PlanAsync(set, _nextHop, InterfaceAlias, CancellationToken));
            var known = new HashSet<RefusedPrefix>(set.Refused);
            WarnRefused(plan.Refused.Where(r => !known.Contains(r)).ToList(), remote ? $" ({computer})" : string.Empty);
            WriteVerbose($"{computer}: next hop {plan.Gateway.NextHop ?? "(on-link)"}, interface {plan.Gateway.Interface ?? "(chosen by the kernel)"}; {plan.AlreadyPresent.Count()} of {plan.Routes.Count} routes already present.");
            foreach (var present in plan.AlreadyPresent)
            {
                WriteObject(present.ToChange(RouteAction.AlreadyPresent).On(computer));
            }

            var approved = new List<PlannedRoute>();
            var via = $"via {plan.Gateway.NextHop ?? "(on-link)"} dev {plan.Gateway.Interface ?? "(kernel's choice)"}{on}";
            foreach (var route in plan.ToAdd)
            {
                var target = route.Prefix.Prefix.ToString();
                if (ShouldProcess($"Adding route {target} {via}.", $"Add route {target} {via}?", "Add-AzDatacenterRoute", out var reason))
                {
                    approved.Add(route);
                }
                else if (reason == ShouldProcessReason.WhatIf)
                {
                    WriteObject(route.ToChange(RouteAction.WouldAdd).On(computer));
                }
            }

            if (approved.Count == 0)
            {
                return;
            }

            WriteProgress(new ProgressRecord(1, "Add-AzDatacenterRoute", $"Adding {approved.Count} routes{on}") { PercentComplete = 50 });
            var result = RunRouteTable(manager.ApplyAsync(approved, CancellationToken));
            foreach (var change in result.Changes)
            {
                WriteObject(change.On(computer));
            }

            if (result.Error != null)
            {
                WriteError(ErrorRecords.Create(
                    ErrorIds.RouteAddFailed,
                    ErrorCategory.WriteError,
                    approved.Count > result.Changes.Count ? approved[result.Changes.Count].Prefix.Prefix.ToString() : null,
                    remote ? $"{computer}: {result.Error}" : result.Error,
                    recommendedAction: "Check -NextHop and -InterfaceAlias, then run the cmdlet again."));
            }
        }

        /// <summary>
        /// -NextHop and -InterfaceAlias, parsed before anything is read or written: a terminating InvalidNextHop or
        /// InvalidInterfaceAlias (InvalidArgument) when they are not an address of -AddressFamily or an interface name of
        /// every target platform (Linux rules for this Linux machine, Windows rules for CIM targets).
        /// </summary>
        private void ValidateGatewayParameters(IReadOnlyList<CimTarget?> targets)
        {
            if (NextHop != null)
            {
                if (!NextHopAddress.TryParse(NextHop, out var hop, out var reason) || hop.Family != AddressFamily)
                {
                    ThrowTerminatingError(ErrorRecords.Create(
                        ErrorIds.InvalidNextHop,
                        ErrorCategory.InvalidArgument,
                        NextHop,
                        $"-NextHop '{Printable(NextHop)}' is not one {AddressFamily} address: {(reason.Length > 0 ? reason : "it is an address of the other family")}. Nothing was read or changed.",
                        recommendedAction: "Give the gateway as one address, for example -NextHop 10.0.0.1, or leave -NextHop out to use the default route's."));
                }

                _nextHop = hop;
            }

            if (InterfaceAlias != null)
            {
                var linux = targets.Any(t => t is null);
                var windows = targets.Any(t => t != null);
                var reason = string.Empty;
                var ok = (!linux || InterfaceName.TryParseLinux(InterfaceAlias, out _, out reason))
                    && (!windows || InterfaceName.TryParseWindows(InterfaceAlias, out _, out reason));
                if (!ok)
                {
                    ThrowTerminatingError(ErrorRecords.Create(
                        ErrorIds.InvalidInterfaceAlias,
                        ErrorCategory.InvalidArgument,
                        InterfaceAlias,
                        $"-InterfaceAlias '{Printable(InterfaceAlias)}' is not {(linux ? "a Linux interface name" : "a Windows interface alias")}: {reason}. Nothing was read or changed.",
                        recommendedAction: linux ? "Give the device as 'ip link' shows it, for example -InterfaceAlias eth0." : "Give the alias as Get-NetAdapter shows it, for example -InterfaceAlias Ethernet."));
                }
            }
        }

        /// <summary>The text with control characters shown as \uXXXX, for messages.</summary>
        private static string Printable(string text) =>
            string.Concat(text.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));

        /// <summary>
        /// The regions (typed <see cref="HealthCheckResult.Region"/>) of the piped results that ask for this repair
        /// (RepairAction AddDatacenterRoute, Failed or Warning) on a running machine whose routes this run changes; the
        /// others are skipped with a -Verbose line. <paramref name="needsRoutes"/> is false only when health results were
        /// piped and none of them asks for routes here.
        /// </summary>
        private List<string> RegionsFromHealthResults(IReadOnlyList<CimTarget?> targets, out bool needsRoutes)
        {
            var regions = new List<string>();
            if (Piped.HealthResults.Count == 0)
            {
                needsRoutes = true;
                return regions;
            }

            var findings = new List<HealthCheckResult>();
            foreach (var result in Piped.HealthResults)
            {
                var reason = RepairRouting.SkipReason(result, Repairer.DatacenterRoute, TargetKind.LinuxLive, TargetKind.WindowsLocal, TargetKind.WindowsRemote)
                    ?? (RoutesHere(result.TypedTarget, targets) ? null : $"it is for {result.Target}, and this run changes the routes of {string.Join(", ", targets.Select(t => t?.Name ?? Environment.MachineName))}.");
                if (reason != null)
                {
                    WriteVerbose($"Skipped {result.Target} {result.CheckId}: {reason}");
                    continue;
                }

                WriteVerbose($"{result.Target}: {result.CheckId} {result.Status}: {result.Message}");
                findings.Add(result);
            }

            needsRoutes = findings.Count > 0 || Piped.Tags.Count > 0;
            if (Region is null && ServiceTag is null)
            {
                regions.AddRange(findings.Select(f => f.Region).OfType<string>());
            }

            return regions.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>True when the result's machine is one whose routes this run changes (this machine, or a -CimSession/-ComputerName of the same name).</summary>
        private static bool RoutesHere(CheckTarget target, IReadOnlyList<CimTarget?> targets) =>
            target.Kind == TargetKind.WindowsRemote
                ? targets.Any(t => t != null && t.Kind != CimTargetKind.Local && string.Equals(t.Name, target.ComputerName, StringComparison.OrdinalIgnoreCase))
                : targets.Any(t => t is null || t.Kind == CimTargetKind.Local);
    }
}
