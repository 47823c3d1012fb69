using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of DHCP and static addressing (the connectivity probes are Checks/Network, shared with Windows).</summary>
    internal static class NetworkChecks
    {
        private const string KeepDhcp = "Keep DHCP on in the guest: set a static private IP on the Azure NIC (portal > network interface > IP configurations) instead of in the guest, then switch the guest configuration back to DHCP and restart networking.";

        public static IEnumerable<HealthCheckResult> DhcpWireServer(LinuxFacts facts, ResultBuilder verdict)
        {
            var notAzure = facts.NotAzureReason();
            if (notAzure != null)
            {
                yield return verdict.NotApplicable(notAzure);
                yield break;
            }

            var dhcp = facts.Dhcp;
            foreach (var bad in dhcp.MalformedFiles)
            {
                yield return verdict.Error(bad.Path, bad.Problem, bad.Advice);
            }

            if (dhcp.EndpointFile.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(dhcp.EndpointFile.Path, dhcp.EndpointFile.Problem!, $"Delete {dhcp.EndpointFile.Path}; the agent writes it again from DHCP.");
            }

            var evidence = dhcp.Option245.Select(o => o.Evidence).Concat(dhcp.BadValues)
                .Concat(new[] { dhcp.EndpointFile.IsPresent ? $"{dhcp.EndpointFile.Path}: {dhcp.EndpointFile.Value}" : dhcp.EndpointFile.Describe() }).ToList();
            if (dhcp.Option245.Count > 0)
            {
                yield return verdict.Passed($"DHCP gives the WireServer address {dhcp.Option245.Last().Address} (option 245).", evidence);
            }
            else if (dhcp.EndpointFile.IsPresent)
            {
                evidence.Add(dhcp.LeaseFiles.Count == 0 ? "no DHCP lease files found" : $"{dhcp.LeaseFiles.Count} lease files, none with option 245: {string.Join(", ", dhcp.LeaseFiles)}");
                yield return verdict.Warning($"No current DHCP lease carries option 245; the agent uses the address it saved earlier ({dhcp.EndpointFile.Value}).", evidence, KeepDhcp);
            }
            else if (dhcp.MalformedFiles.Count > 0)
            {
                // A lease that could not be read (or a lease folder that could not be listed) may carry option 245: the Error results above say which.
            }
            else
            {
                evidence.Add(dhcp.LeaseFiles.Count == 0 ? "no DHCP lease files in /var/lib/dhcp, /var/lib/dhclient, /var/lib/NetworkManager or /run/systemd/netif/leases" : $"lease files without option 245: {string.Join(", ", dhcp.LeaseFiles)}");
                yield return verdict.Failed("The VM cannot get the host (WireServer) address from DHCP option 245, so snapshot status cannot be exchanged.", evidence, KeepDhcp);
            }
        }

        public static IEnumerable<HealthCheckResult> StaticNetwork(LinuxFacts facts, ResultBuilder verdict)
        {
            var notAzure = facts.NotAzureReason();
            if (notAzure != null)
            {
                yield return verdict.NotApplicable(notAzure);
                yield break;
            }

            var network = facts.Network;
            foreach (var bad in network.Malformed)
            {
                yield return verdict.Error(bad.Path, bad.Problem, bad.Advice);
            }

            var evidence = network.Interfaces.Select(i => $"{i.InterfaceName}: {(i.UsesDhcp ? "DHCP" : "static")} ({i.Evidence})").ToList();
            if (network.StaticOnly)
            {
                yield return verdict.Failed("Every configured interface has a static address and none uses DHCP: the VM loses the WireServer address (DHCP option 245).", evidence, KeepDhcp);
            }
            else if (network.Interfaces.Any(i => !i.UsesDhcp))
            {
                yield return verdict.Warning("Some interfaces have static addresses in the guest; the article asks to keep DHCP on.", evidence, KeepDhcp);
            }
            else if (network.Malformed.Count > 0)
            {
                // What could not be read may set a static address: the Error results above say which.
            }
            else
            {
                if (evidence.Count == 0)
                {
                    evidence.Add($"{network.FilesRead} network configuration files read; none sets a static IPv4 address");
                }

                yield return verdict.Passed("No interface is configured with a static address only.", evidence);
            }
        }
    }
}
