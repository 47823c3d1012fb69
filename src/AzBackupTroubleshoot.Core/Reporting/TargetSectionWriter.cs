using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Repairs;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// The report's filter controls and its collapsible section per target, worst first. Every result gets a row with its
    /// message, evidence and remediation; in a fleet's report (more than <see cref="HtmlReportWriter.ListEverythingUpTo"/>
    /// targets) passed and not-applicable results are counted instead, one row per status, which keeps the page small. Every
    /// row carries its status and its cause (or causes) for the filter script.
    /// </summary>
    internal static class TargetSectionWriter
    {
        public static void Write(TextWriter w, HealthReport report, IReadOnlyDictionary<TargetSummary, string> ids, CancellationToken cancellationToken)
        {
            w.Write("<section id=\"targets\">\n<h2>Targets</h2>\n<p class=\"note\">Worst first. Open a target for its results, evidence and remediation.");
            var listEverything = report.Targets.Count <= HtmlReportWriter.ListEverythingUpTo;
            if (!listEverything)
            {
                w.Write($" In a report of more than {HtmlReportWriter.Num(HtmlReportWriter.ListEverythingUpTo)} targets, passed and not-applicable results are counted, not listed.");
            }

            w.Write("</p>\n");
            WriteFilters(w, report);
            w.Write("<noscript><p class=\"note\">Filtering needs JavaScript; every target is listed below.</p></noscript>\n");
            var open = report.Targets.Count == 1 ? " open" : string.Empty;
            foreach (var target in report.Targets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                w.Write($"<details class=\"target\" id=\"{ids[target]}\"{open}><summary>");
                HtmlReportWriter.WriteBadge(w, target);
                w.Write("<span class=\"name\">");
                HtmlText.Write(w, target.Name);
                w.Write("</span><span class=\"counts\">");
                w.Write(CauseChart.CountsInWords(target.Counts));
                if (target.Repairs.Count > 0)
                {
                    w.Write(target.Counts.Total > 0 ? "; " : string.Empty);
                    w.Write(target.Repairs.Count == 1 ? "1 repair" : HtmlReportWriter.Num(target.Repairs.Count) + " repairs");
                }

                w.Write("</span></summary>\n");
                if (target.Results.Count > 0)
                {
                    WriteResults(w, target.Results, listEverything);
                }

                if (target.Repairs.Count > 0)
                {
                    WriteRepairs(w, target.Repairs);
                }

                w.Write("</details>\n");
            }

            w.Write("</section>\n");
        }

        private static void WriteFilters(TextWriter w, HealthReport report)
        {
            w.Write("<form id=\"filters\" role=\"search\" hidden><label>Status <select id=\"filter-status\"><option value=\"\">All</option>");
            foreach (var status in StatusSeverity.WorstFirst.Where(s => report.Counts[s] > 0))
            {
                w.Write($"<option value=\"{status}\">{StatusLabel.For(status)} ({HtmlReportWriter.Num(report.Counts[status])})</option>");
            }

            if (report.RepairTotal > 0)
            {
                w.Write("<optgroup label=\"Repairs\">");
                foreach (var pair in report.RepairCounts.OrderBy(p => p.Key))
                {
                    w.Write($"<option value=\"repair-{pair.Key}\">Repair {pair.Key} ({HtmlReportWriter.Num(pair.Value)})</option>");
                }

                w.Write("</optgroup>");
            }

            w.Write("</select></label><label>Cause <select id=\"filter-cause\"><option value=\"\">All</option>");
            foreach (var cause in report.Causes)
            {
                w.Write($"<option value=\"{cause.Cause}\">");
                HtmlText.Write(w, CauseLabel.For(cause.Cause));
                w.Write("</option>");
            }

            w.Write("</select></label><label>Target <input id=\"filter-target\" type=\"search\" placeholder=\"name contains\"></label>");
            w.Write("<output id=\"filter-count\" aria-live=\"polite\"></output></form>\n");
        }

        private static void WriteResults(TextWriter w, IReadOnlyList<HealthCheckResult> results, bool listEverything)
        {
            w.Write("<table class=\"results\"><thead><tr><th>Status</th><th>Check</th><th>Cause</th><th>Finding</th></tr></thead><tbody>\n");
            foreach (var result in results)
            {
                if (listEverything || StatusSeverity.NeedsAttention(result.Status))
                {
                    WriteResult(w, result);
                }
            }

            if (!listEverything)
            {
                // A fleet: passed and not-applicable results are counted, one row per status, so the page stays small. The
                // count row names no cause (data-c is empty): it counts the results of every cause, so a cause filter hides
                // it rather than show a count that is not that cause's (and listing every cause on every target's rows
                // cost a 1,000-target report about 230 KB).
                foreach (var group in results.Where(r => !StatusSeverity.NeedsAttention(r.Status)).GroupBy(r => r.Status))
                {
                    w.Write($"<tr class=\"grp\" data-s=\"{group.Key}\" data-c=\"\"><td><b class=\"badge s-{group.Key}\">{StatusLabel.For(group.Key)}</b></td>");
                    w.Write($"<td colspan=\"3\">{StatusLabel.Count(group.Count(), group.Key)}</td></tr>\n");
                }
            }

            w.Write("</tbody></table>\n");
        }

        private static void WriteResult(TextWriter w, HealthCheckResult result)
        {
            w.Write($"<tr data-s=\"{result.Status}\" data-c=\"{result.Cause}\"><td><b class=\"badge s-{result.Status}\">{StatusLabel.For(result.Status)}</b></td><td class=\"id\">");
            HtmlText.Write(w, result.CheckId);
            w.Write("</td><td>");
            HtmlText.Write(w, CauseLabel.For(result.Cause));
            w.Write("</td><td>");
            HtmlText.Write(w, result.Message);
            if (result.Evidence.Count > 0)
            {
                w.Write("<ul class=\"ev\">");
                foreach (var line in result.Evidence)
                {
                    w.Write("<li>");
                    HtmlText.Write(w, line);
                    w.Write("</li>");
                }

                w.Write("</ul>");
            }

            if (result.Remediation.Length > 0)
            {
                w.Write("<p class=\"fix\">");
                HtmlText.Write(w, result.Remediation);
                w.Write("</p>");
            }

            if (result.RepairAction != RepairAction.None)
            {
                w.Write($"<p class=\"auto\">Repair-AzBackupAgent: {result.RepairAction}</p>");
            }

            w.Write("</td></tr>\n");
        }

        private static void WriteRepairs(TextWriter w, IReadOnlyList<RepairResult> repairs)
        {
            w.Write("<table class=\"repairs\"><thead><tr><th>Repair</th><th>Action</th><th>Detail</th><th>Backup</th></tr></thead><tbody>\n");
            foreach (var repair in repairs)
            {
                w.Write($"<tr data-s=\"repair-{repair.Status}\" data-c=\"\"><td><span class=\"badge r-{repair.Status}\">{repair.Status}</span></td><td><code>{repair.Action}</code></td><td>");
                HtmlText.Write(w, repair.Detail);
                w.Write("</td><td>");
                HtmlText.Write(w, repair.BackupPath);
                w.Write("</td></tr>\n");
            }

            w.Write("</tbody></table>\n");
        }
    }
}
