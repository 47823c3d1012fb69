using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Reporting;
using static AzBackupTroubleshoot.Core.Tests.Reporting.ReportSamples;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    public class HtmlReportWriterTests
    {
        [Fact]
        public void Writes_one_html_document_with_the_title_and_the_time_in_utc()
        {
            var html = Render(SmallFleet());
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
            Assert.Contains("<title>Test report</title>", html, StringComparison.Ordinal);
            Assert.Contains("Written 2026-11-27 10:30:00 UTC by AzBackupTroubleshoot test from 8 results on 3 targets.", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Summary_counts_targets_and_results_by_status()
        {
            var html = Render(SmallFleet());
            Assert.Contains("<dd id=\"count-targets\">3</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"count-results\">8</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"count-Failed\" data-s=\"Failed\">2</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"count-Error\" data-s=\"Error\">1</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"count-NotApplicable\" data-s=\"NotApplicable\">1</dd>", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Names_the_worst_targets_first_with_links_to_their_sections()
        {
            var html = Render(SmallFleet());
            var worst = Regex.Match(html, "<ol id=\"worst-targets\">(.*?)</ol>").Groups[1].Value;
            Assert.Equal(new[] { "web-01", "db-01" }, Regex.Matches(worst, "<a href=\"#t\\d+\">([^<]*)</a>").Select(m => m.Groups[1].Value));
            Assert.Contains("<details class=\"target\" id=\"t1\"><summary><span class=\"badge s-Failed\">Failed</span><span class=\"name\">web-01</span>", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Writes_one_section_per_cause_present_with_the_knowledge_base_solution_and_repair()
        {
            var html = Render(SmallFleet());
            var sections = Regex.Matches(html, "<section class=\"cause[^\"]*\" id=\"cause-(\\w+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(new[] { "NoNetworkAccess", "AgentNotResponsive", "AgentOutOfDate", "ResourceGroupLocked" }, sections);

            var network = Section(html, "NoNetworkAccess");
            var entry = KnowledgeBase.Default.Causes.First(c => c.Cause == Cause.NoNetworkAccess);
            Assert.Contains(Encode(entry.Title), network, StringComparison.Ordinal);
            Assert.Contains(Encode(entry.Description), network, StringComparison.Ordinal);
            Assert.Contains(Encode(entry.Steps[0].Text), network, StringComparison.Ordinal);
            Assert.Contains("<p class=\"repair\"><strong>Repair:</strong> <code>" + Encode(entry.Steps[0].Repair!) + "</code></p>", network, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#t1\">web-01</a>", network, StringComparison.Ordinal);

            // Every knowledge-base entry of the cause, not just the first.
            var extension = Render(new[] { Result("x", CheckCatalog.WindowsComSysApp, CheckStatus.Failed) });
            foreach (var e in KnowledgeBase.Default.Causes.Where(c => c.Cause == Cause.ExtensionNotLoaded))
            {
                Assert.Contains(Encode(e.Title), Section(extension, "ExtensionNotLoaded"), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Opens_the_solution_only_for_causes_with_problems()
        {
            var html = Render(SmallFleet());
            Assert.Contains("<details class=\"kb\" open>", Section(html, "NoNetworkAccess"), StringComparison.Ordinal);
            Assert.DoesNotContain("<details class=\"kb\" open>", Section(html, "ResourceGroupLocked"), StringComparison.Ordinal);
        }

        [Fact]
        public void Lists_each_result_with_its_evidence_and_remediation()
        {
            var html = Render(SmallFleet());
            Assert.Contains(
                "<tr data-s=\"Failed\" data-c=\"AgentNotResponsive\"><td><b class=\"badge s-Failed\">Failed</b></td><td class=\"id\">Linux.AgentService</td><td>Agent not responsive</td>" +
                "<td>walinuxagent is inactive<ul class=\"ev\"><li>systemctl is-active walinuxagent: inactive</li></ul><p class=\"fix\">Start the agent.</p></td></tr>",
                html,
                StringComparison.Ordinal);
            Assert.Contains("<tr data-s=\"Passed\" data-c=\"AgentNotResponsive\">", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Counts_instead_of_listing_passed_results_in_a_fleet()
        {
            var fleet = Enumerable.Range(1, HtmlReportWriter.ListEverythingUpTo + 1).SelectMany(i => new[]
            {
                Result($"vm-{i}", CheckCatalog.LinuxAgentService, CheckStatus.Passed, "passed-message"),
                Result($"vm-{i}", CheckCatalog.NetworkWireServer, CheckStatus.Passed, "passed-message"),
                Result($"vm-{i}", CheckCatalog.LinuxAgentVersion, i == 1 ? CheckStatus.Failed : CheckStatus.Passed, i == 1 ? "failed-message" : "passed-message"),
            }).ToList();
            var html = Render(fleet);
            Assert.DoesNotContain("passed-message", html, StringComparison.Ordinal);
            Assert.Contains("failed-message", html, StringComparison.Ordinal);
            Assert.Contains("<tr class=\"grp\" data-s=\"Passed\" data-c=\"\"><td><b class=\"badge s-Passed\">Passed</b></td><td colspan=\"3\">2 passed</td></tr>", html, StringComparison.Ordinal);
            Assert.Contains("passed and not-applicable results are counted, not listed", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Offers_filters_for_the_statuses_and_causes_present()
        {
            var html = Render(SmallFleet(), new[] { new RepairResult("web-01", RepairAction.RestartAgent, RepairStatus.Repaired) });
            var status = Regex.Match(html, "<select id=\"filter-status\">(.*?)</select>").Groups[1].Value;
            Assert.Equal(
                new[] { string.Empty, "Failed", "Error", "Warning", "Passed", "NotApplicable", "repair-Repaired" },
                Regex.Matches(status, "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
            var cause = Regex.Match(html, "<select id=\"filter-cause\">(.*?)</select>").Groups[1].Value;
            Assert.Equal(5, Regex.Matches(cause, "<option ").Count);
            Assert.Contains("<input id=\"filter-target\" type=\"search\"", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Shows_repairs_under_their_target()
        {
            var html = Render(SmallFleet(), new[] { new RepairResult("web-01", RepairAction.RestartAgent, RepairStatus.Repaired, "restarted <walinuxagent>", "/etc/waagent.conf.bak") });
            Assert.Contains("<dd id=\"count-repair-Repaired\">1</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<tr data-s=\"repair-Repaired\" data-c=\"\"><td><span class=\"badge r-Repaired\">Repaired</span></td><td><code>RestartAgent</code></td><td>restarted &lt;walinuxagent&gt;</td><td>/etc/waagent.conf.bak</td></tr>", html, StringComparison.Ordinal);
            Assert.Contains("from 8 results and 1 repair on 3 targets.", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Encodes_every_text_that_comes_from_results()
        {
            const string Evil = "<script>alert('x')</script>\"&";
            var html = Render(
                new[] { new HealthCheckResult(Evil, Evil, Cause.AgentNotResponsive, CheckStatus.Failed, Evil, new[] { Evil, "esc\u001b[31m" }, Evil) },
                new[] { new RepairResult(Evil, RepairAction.RestartAgent, RepairStatus.Failed, Evil, Evil) });
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;", html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(html, "<script>"));
            Assert.DoesNotContain("\u001b", html, StringComparison.Ordinal);
            Assert.Contains("esc\uFFFD[31m", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Loads_nothing_and_allows_only_its_own_inline_script_and_style()
        {
            var html = Render(SmallFleet());
            Assert.DoesNotMatch("(?i)\\s(src|href)\\s*=\\s*\"(https?:)?//", html);
            Assert.DoesNotMatch("(?i)<(link|img|iframe|object|embed)\\b", html);
            Assert.DoesNotMatch("(?i)@import|url\\((?!#)", html);

            var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
            Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
            var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
            var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Contains("script-src 'sha256-" + Sha256(script) + "'", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'sha256-" + Sha256(style) + "'", csp, StringComparison.Ordinal);
        }

        [Fact]
        public void Writes_a_valid_page_for_no_results()
        {
            var html = Render(Array.Empty<HealthCheckResult>());
            Assert.Contains("<dd id=\"count-targets\">0</dd>", html, StringComparison.Ordinal);
            Assert.Contains("No target has a failed, error or warning result.", html, StringComparison.Ordinal);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Opens_the_target_of_a_single_vm_report()
        {
            var html = Render(new[] { Result("only", CheckCatalog.LinuxAgentService, CheckStatus.Passed) });
            Assert.Contains("<details class=\"target\" id=\"t1\" open>", html, StringComparison.Ordinal);
            Assert.Contains("on 1 target.", html, StringComparison.Ordinal);
        }

        [Fact]
        public void Stops_when_cancelled()
        {
            var report = HealthReport.Create(SmallFleet());
            using var cts = new System.Threading.CancellationTokenSource();
            cts.Cancel();
            Assert.Throws<OperationCanceledException>(() =>
                new HtmlReportWriter(KnowledgeBase.Default).Write(new System.IO.StringWriter(), report, new HealthReportOptions(When), cts.Token));
        }

        private static string Section(string html, string cause) =>
            Regex.Match(html, $"<section class=\"cause[^\"]*\" id=\"cause-{cause}\".*?</section>", RegexOptions.Singleline).Value;

        private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

        private static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }
    }
}
