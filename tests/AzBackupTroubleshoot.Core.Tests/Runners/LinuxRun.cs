using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Linux;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Runners
{
    /// <summary>Reads facts from a root and runs every Linux check, as Test-AzBackupAgentHealth does offline.</summary>
    public static class LinuxRun
    {
        public static async Task<IReadOnlyList<HealthCheckResult>> CheckAsync(string path, LinuxFactsOptions? options = null)
        {
            using var root = LinuxRootFactory.Open(path);
            return await CheckAsync(root, options);
        }

        public static async Task<IReadOnlyList<HealthCheckResult>> CheckAsync(ILinuxRoot root, LinuxFactsOptions? options = null)
        {
            var facts = await new LinuxFactsReader().ReadAsync(root, options);
            return await new CheckEngine().RunAsync(facts, LinuxCheckList.All, new CheckContext(root.Location, options?.IsLive ?? false));
        }

        public static async Task<LinuxFacts> FactsAsync(string path, LinuxFactsOptions? options = null)
        {
            using var root = LinuxRootFactory.Open(path);
            return await new LinuxFactsReader().ReadAsync(root, options);
        }

        public static HealthCheckResult Single(this IReadOnlyList<HealthCheckResult> results, string checkId) =>
            results.Where(r => r.CheckId == checkId).Single();

        public static string Dump(this IEnumerable<HealthCheckResult> results) =>
            string.Join("\n", results.Select(r => $"{r.Status} {r.CheckId} [{r.Cause}] {r.Message} | {string.Join(" ; ", r.Evidence)}"));
    }
}
