using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Reporting;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    /// <summary>Small hand-made result sets and a way to render them.</summary>
    internal static class ReportSamples
    {
        public static readonly DateTimeOffset When = new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero);

        public static HealthCheckResult Result(string target, string checkId, CheckStatus status, string message = "msg", string[]? evidence = null, string? remediation = null) =>
            new HealthCheckResult(target, checkId, CheckCatalog.Find(checkId)!.Cause, status, message, evidence, remediation);

        /// <summary>Three targets: web-01 fails two checks, db-01 warns once, ok-01 passes everything.</summary>
        public static List<HealthCheckResult> SmallFleet() => new List<HealthCheckResult>
        {
            Result("ok-01", CheckCatalog.LinuxAgentService, CheckStatus.Passed),
            Result("ok-01", CheckCatalog.NetworkWireServer, CheckStatus.Passed),
            Result("ok-01", CheckCatalog.AzureResourceGroupLock, CheckStatus.NotApplicable),
            Result("db-01", CheckCatalog.LinuxAgentService, CheckStatus.Passed),
            Result("db-01", CheckCatalog.LinuxAgentVersion, CheckStatus.Warning, "agent 2.2.49 is old"),
            Result("web-01", CheckCatalog.LinuxAgentService, CheckStatus.Failed, "walinuxagent is inactive", new[] { "systemctl is-active walinuxagent: inactive" }, "Start the agent."),
            Result("web-01", CheckCatalog.NetworkWireServer, CheckStatus.Failed, "no route to 168.63.129.16"),
            Result("WEB-01", CheckCatalog.LinuxAgentVersion, CheckStatus.Error, "waagent --version failed"),
        };

        public static string Render(IEnumerable<HealthCheckResult> results, IEnumerable<RepairResult>? repairs = null)
        {
            var report = HealthReport.Create(results, repairs);
            using var writer = new StringWriter();
            new HtmlReportWriter(KnowledgeBase.Default).Write(writer, report, new HealthReportOptions(When, "Test report", "AzBackupTroubleshoot test"));
            return writer.ToString();
        }
    }
}
