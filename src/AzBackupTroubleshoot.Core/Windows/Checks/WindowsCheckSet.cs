using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Windows.Checks
{
    /// <summary>Options of the Windows check set.</summary>
    public sealed class WindowsCheckOptions
    {
        /// <summary>
        /// Connectivity probes (ids Network.*) to run when the facts come from the local machine. They are shared with the
        /// Linux checks and supplied by the caller; a probe id with no check here reports NotApplicable.
        /// </summary>
        public IReadOnlyList<HealthCheck<WindowsFacts>> LocalNetworkChecks { get; set; } = Array.Empty<HealthCheck<WindowsFacts>>();

        /// <summary>Run the local probes even when the machine is not detected as an Azure VM (-Force).</summary>
        public bool ProbeOffAzure { get; set; }
    }

    /// <summary>
    /// The Windows checks, in report order: agent services and version, .NET, backup services, VSS copy mode, DHCP,
    /// the VMSnapshot extension and its crashes, proxy, host (Azure, CPU, memory) and the connectivity probes.
    /// Every id comes from <see cref="CheckCatalog"/>.
    /// </summary>
    public static class WindowsCheckSet
    {
        private static readonly string[] ProbeIds =
        {
            CheckCatalog.NetworkWireServer, CheckCatalog.NetworkWireServerHttp, CheckCatalog.NetworkImds, CheckCatalog.NetworkStorage,
        };

        /// <summary>Builds the check list.</summary>
        public static IReadOnlyList<HealthCheck<WindowsFacts>> Create(WindowsCheckOptions? options = null)
        {
            options ??= new WindowsCheckOptions();
            var checks = new List<HealthCheck<WindowsFacts>>();
            checks.AddRange(WindowsServiceChecks.Create());
            checks.AddRange(WindowsSystemChecks.Create());
            foreach (var id in ProbeIds)
            {
                checks.Add(Probe(id, options.LocalNetworkChecks.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)), options.ProbeOffAzure));
            }

            return checks;
        }

        /// <summary>
        /// The checks whose id matches one of <paramref name="ids"/> (case-insensitive, <c>*</c> as a wildcard) and whose
        /// cause is one of <paramref name="causes"/>; a null or empty filter matches everything.
        /// </summary>
        public static IReadOnlyList<HealthCheck<WindowsFacts>> Select(IEnumerable<string>? ids, IEnumerable<Cause>? causes, WindowsCheckOptions? options = null)
        {
            var idSet = ids?.Where(i => !string.IsNullOrWhiteSpace(i)).ToArray() ?? Array.Empty<string>();
            var causeSet = causes?.ToArray() ?? Array.Empty<Cause>();
            return Create(options)
                .Where(c => (idSet.Length == 0 || idSet.Any(i => IdMatches(i, c.Id))) && (causeSet.Length == 0 || causeSet.Contains(c.Cause)))
                .ToArray();
        }

        /// <summary>True when <paramref name="pattern"/> (with <c>*</c> wildcards) matches <paramref name="id"/>, ignoring case.</summary>
        public static bool IdMatches(string pattern, string id)
        {
            if (pattern.IndexOf('*') < 0)
            {
                return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
            }

            var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
            return System.Text.RegularExpressions.Regex.IsMatch(id, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }

        /// <summary>A check with the catalog's cause and title whose body can build its own results.</summary>
        /// <remarks>
        /// <paramref name="reads"/> names the fact sections the body reads: when one of them could not be read, the check
        /// reports one Error result saying which, and the body is not run.
        /// </remarks>
        internal static HealthCheck<WindowsFacts> Define(
            string id,
            Func<HealthCheck<WindowsFacts>, WindowsFacts, CheckContext, IEnumerable<HealthCheckResult>> evaluate,
            params (WindowsFactSection Section, string What)[] reads)
        {
            var info = CheckCatalog.Find(id) ?? throw new ArgumentException($"'{id}' is not in the check catalog.", nameof(id));
            HealthCheck<WindowsFacts>? self = null;
            self = HealthCheck<WindowsFacts>.Create(id, info.Cause, info.Title, (facts, context) =>
            {
                foreach (var read in reads)
                {
                    var unreadable = Unreadable(self!, facts, context, read.Section, read.What);
                    if (unreadable != null)
                    {
                        return new[] { unreadable };
                    }
                }

                return evaluate(self!, facts, context).ToList();
            });
            return self;
        }

        /// <summary>An Error result when the section could not be read, else null.</summary>
        internal static HealthCheckResult? Unreadable(HealthCheck<WindowsFacts> check, WindowsFacts facts, CheckContext context, WindowsFactSection section, string what)
        {
            if (!facts.ReadErrors.TryGetValue(section, out var reason))
            {
                return null;
            }

            return check.Result(
                context,
                CheckStatus.Error,
                $"Could not read {what} from {facts.ComputerName}: {reason}",
                new[] { $"{section}: {reason}" },
                facts.Source == WindowsFactsSource.Capture
                    ? "Take the capture again with this section included."
                    : "Run as an administrator of the target (the CIM session's account needs WMI and registry read access), then run again.");
        }

        private static HealthCheck<WindowsFacts> Probe(string id, HealthCheck<WindowsFacts>? probe, bool probeOffAzure)
        {
            var info = CheckCatalog.Find(id)!;
            HealthCheck<WindowsFacts>? self = null;
            self = HealthCheck<WindowsFacts>.CreateAsync(id, info.Cause, info.Title, async (facts, context, cancellationToken) =>
            {
                string? skip = null;
                if (facts.Source != WindowsFactsSource.Local)
                {
                    skip = facts.Source == WindowsFactsSource.Capture
                        ? "Connectivity is probed only inside the VM; a capture cannot show it."
                        : "Connectivity is probed only inside the VM; run Test-AzBackupAgentHealth in the VM to probe it.";
                }
                else if (probe == null)
                {
                    skip = "No connectivity probe is configured for this session.";
                }
                else if (!facts.IsAzureVm && !probeOffAzure)
                {
                    skip = "This machine is not detected as an Azure VM (see Host.AzurePlatform); probes run only on an Azure VM unless -Force is given.";
                }

                if (skip != null)
                {
                    return new[] { self!.Result(context, CheckStatus.NotApplicable, skip) };
                }

                return await probe!.EvaluateAsync(facts, context, cancellationToken).ConfigureAwait(false);
            });
            return self;
        }
    }
}
