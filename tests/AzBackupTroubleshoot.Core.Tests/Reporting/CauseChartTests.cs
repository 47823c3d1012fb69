using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Reporting;
using static AzBackupTroubleshoot.Core.Tests.Reporting.ReportSamples;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    public class CauseChartTests
    {
        private static string Chart(params HealthCheckResult[] results)
        {
            using var writer = new StringWriter();
            CauseChart.Write(writer, HealthReport.Create(results));
            return writer.ToString();
        }

        [Fact]
        public void Draws_one_bar_per_cause_with_a_segment_per_problem_status()
        {
            var svg = Chart(SmallFleet().ToArray());
            Assert.Equal(
                new[] { "NoNetworkAccess", "AgentNotResponsive", "AgentOutOfDate", "ResourceGroupLocked" },
                Regex.Matches(svg, "<g class=\"bar\" data-c=\"(\\w+)\">").Select(m => m.Groups[1].Value));
            var agentOutOfDate = Regex.Match(svg, "<g class=\"bar\" data-c=\"AgentOutOfDate\">.*?</g>").Value;
            Assert.Equal(new[] { "Error", "Warning" }, Regex.Matches(agentOutOfDate, "<rect class=\"seg\" data-s=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        }

        [Fact]
        public void Gives_each_status_its_own_pattern_and_says_every_count_in_words()
        {
            var svg = Chart(SmallFleet().ToArray());
            foreach (var status in new[] { "Failed", "Error", "Warning" })
            {
                Assert.Contains($"<pattern id=\"p-{status}\"", svg, System.StringComparison.Ordinal);
            }

            Assert.Contains("fill=\"url(#p-Error)\"", svg, System.StringComparison.Ordinal);
            Assert.Contains("<path d=\"M0 0L8 8M8 0L0 8\"", svg, System.StringComparison.Ordinal); // Error's cross-hatch
            Assert.Contains(">1 failed, 2 passed</text>", svg, System.StringComparison.Ordinal);
            Assert.Contains(">1 error, 1 warning</text>", svg, System.StringComparison.Ordinal);
            Assert.Contains(">1 not applicable</text>", svg, System.StringComparison.Ordinal);
            Assert.Contains("<title id=\"chart-title\">", svg, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Scales_bars_to_the_cause_with_most_problems()
        {
            var svg = Chart(
                Result("a", CheckCatalog.LinuxAgentService, CheckStatus.Failed),
                Result("b", CheckCatalog.LinuxAgentService, CheckStatus.Failed),
                Result("a", CheckCatalog.NetworkWireServer, CheckStatus.Failed));
            var widths = Regex.Matches(svg, "<rect class=\"seg\" data-s=\"Failed\" x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"([\\d.]+)\"").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(new[] { 400.0, 200.0 }, widths);
        }

        [Fact]
        public void Writes_the_counts_in_words_worst_first_with_plurals()
        {
            var report = HealthReport.Create(SmallFleet());
            Assert.Equal("2 failed, 1 error, 1 warning, 3 passed, 1 not applicable", CauseChart.CountsInWords(report.Counts));
        }
    }
}
