using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Reporting;
using static AzBackupTroubleshoot.Core.Tests.Reporting.ReportSamples;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    public class HealthReportTests
    {
        [Fact]
        public void Groups_targets_without_regard_to_case_and_keeps_the_first_spelling()
        {
            var report = HealthReport.Create(SmallFleet());
            Assert.Equal(3, report.Targets.Count);
            var web = report.Targets.Single(t => t.Name == "web-01");
            Assert.Equal(3, web.Results.Count);
            Assert.Equal(CheckStatus.Failed, web.WorstStatus);
        }

        [Fact]
        public void Orders_targets_worst_first()
        {
            var report = HealthReport.Create(SmallFleet());
            Assert.Equal(new[] { "web-01", "db-01", "ok-01" }, report.Targets.Select(t => t.Name));
        }

        [Fact]
        public void Breaks_ties_by_the_number_of_failed_results_then_by_name()
        {
            var report = HealthReport.Create(new[]
            {
                Result("b", CheckCatalog.LinuxAgentService, CheckStatus.Failed),
                Result("a", CheckCatalog.LinuxAgentService, CheckStatus.Failed),
                Result("c", CheckCatalog.LinuxAgentService, CheckStatus.Failed),
                Result("c", CheckCatalog.LinuxAgentVersion, CheckStatus.Failed),
            });
            Assert.Equal(new[] { "c", "a", "b" }, report.Targets.Select(t => t.Name));
        }

        [Fact]
        public void Sorts_each_targets_results_worst_first_and_otherwise_keeps_their_order()
        {
            var web = HealthReport.Create(SmallFleet()).Targets[0];
            Assert.Equal(new[] { CheckStatus.Failed, CheckStatus.Failed, CheckStatus.Error }, web.Results.Select(r => r.Status));
            Assert.Equal(CheckCatalog.LinuxAgentService, web.Results[0].CheckId);
        }

        [Fact]
        public void Counts_by_status_overall_per_target_and_per_cause()
        {
            var report = HealthReport.Create(SmallFleet());
            Assert.Equal(8, report.Counts.Total);
            Assert.Equal(2, report.Counts.Failed);
            Assert.Equal(1, report.Counts.Error);
            Assert.Equal(1, report.Counts.Warning);
            Assert.Equal(3, report.Counts.Passed);
            Assert.Equal(1, report.Counts.NotApplicable);
            Assert.Equal(4, report.Counts.Problems);

            var agent = report.Causes.Single(c => c.Cause == Cause.AgentNotResponsive);
            Assert.Equal(1, agent.Counts.Failed);
            Assert.Equal(2, agent.Counts.Passed);
            Assert.Equal(new[] { "web-01" }, agent.AffectedTargets.Select(t => t.Name));
        }

        [Fact]
        public void Orders_causes_by_failed_results_and_lists_only_causes_present()
        {
            var report = HealthReport.Create(SmallFleet());
            Assert.Equal(
                new[] { Cause.NoNetworkAccess, Cause.AgentNotResponsive, Cause.AgentOutOfDate, Cause.ResourceGroupLocked },
                report.Causes.Select(c => c.Cause));
        }

        [Fact]
        public void Counts_repairs_and_gives_repair_only_targets_no_worst_status()
        {
            var repairs = new[]
            {
                new RepairResult("web-01", RepairAction.RestartAgent, RepairStatus.Repaired, "restarted"),
                new RepairResult("other", RepairAction.EnableExtensions, RepairStatus.Failed, "read-only file system"),
            };
            var report = HealthReport.Create(SmallFleet(), repairs);
            Assert.Equal(2, report.RepairTotal);
            Assert.Equal(1, report.RepairCounts[RepairStatus.Repaired]);
            Assert.False(report.RepairCounts.ContainsKey(RepairStatus.Skipped));
            Assert.Single(report.Targets[0].Repairs);
            var other = report.Targets.Last();
            Assert.Equal("other", other.Name);
            Assert.Null(other.WorstStatus);
        }

        [Fact]
        public void Skips_null_results_and_accepts_an_empty_set()
        {
            var report = HealthReport.Create(new HealthCheckResult[] { null! });
            Assert.Empty(report.Targets);
            Assert.Empty(report.Causes);
            Assert.Equal(0, report.Counts.Total);
        }
    }
}
