using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// Writes a <see cref="HealthReport"/> as one self-contained HTML page: a summary (counts by status and by cause, a
    /// chart, the worst targets), a section per cause with the knowledge base's meaning, solution steps and repair
    /// command, and a collapsible section per target, with a small inline script that filters by status, cause and name.
    /// Nothing is loaded from anywhere: the style sheet and the script are inline and the page's Content-Security-Policy
    /// forbids every fetch. Every text that comes from a result is HTML-encoded.
    /// </summary>
    public sealed class HtmlReportWriter
    {
        /// <summary>How many targets the summary names as the worst.</summary>
        public const int WorstTargetCount = 10;

        /// <summary>
        /// Up to this many targets, passed and not-applicable results are listed like the others; above it (a fleet) they are
        /// counted per target, so that a report of 1,000 targets stays under 2 MB.
        /// </summary>
        public const int ListEverythingUpTo = 25;

        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private readonly KnowledgeBase _knowledge;
        private readonly ReportAssets _assets;

        /// <summary>Creates a writer that takes each cause's meaning and solution from <paramref name="knowledge"/>.</summary>
        public HtmlReportWriter(KnowledgeBase knowledge)
        {
            _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
            _assets = ReportAssets.Load();
        }

        /// <summary>Writes the report to a file atomically (a temporary file in the same folder, then a rename), UTF-8.</summary>
        /// <exception cref="IOException">The file or its temporary sibling could not be written; the target is unchanged.</exception>
        /// <exception cref="UnauthorizedAccessException">The folder is not writable; the target is unchanged.</exception>
        public void WriteFile(string path, HealthReport report, HealthReportOptions options, CancellationToken cancellationToken = default)
        {
            AtomicFile.Write(
                path,
                stream =>
                {
                    using var writer = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true);
                    Write(writer, report, options, cancellationToken);
                },
                cancellationToken);
        }

        /// <summary>Writes the report's HTML to <paramref name="output"/>.</summary>
        public void Write(TextWriter output, HealthReport report, HealthReportOptions options, CancellationToken cancellationToken = default)
        {
            if (output is null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var ids = new Dictionary<TargetSummary, string>();
            for (var i = 0; i < report.Targets.Count; i++)
            {
                ids.Add(report.Targets[i], "t" + (i + 1).ToString(CultureInfo.InvariantCulture));
            }

            var w = output;
            w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ");
            w.Write(_assets.CssHash);
            w.Write("; script-src ");
            w.Write(_assets.ScriptHash);
            w.Write("; base-uri 'none'; form-action 'none'\">\n");
            w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"");
            HtmlText.Write(w, options.Generator);
            w.Write("\">\n<title>");
            HtmlText.Write(w, options.Title);
            w.Write("</title>\n<style>");
            w.Write(_assets.Css);
            w.Write("</style>\n</head>\n<body>\n<header>\n<h1>");
            HtmlText.Write(w, options.Title);
            w.Write("</h1>\n<p class=\"meta\">Written ");
            HtmlText.Write(w, options.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            w.Write(" by ");
            HtmlText.Write(w, options.Generator);
            w.Write($" from {Num(report.Counts.Total)} results");
            if (report.RepairTotal > 0)
            {
                w.Write(report.RepairTotal == 1 ? " and 1 repair" : $" and {Num(report.RepairTotal)} repairs");
            }

            w.Write(report.Targets.Count == 1 ? " on 1 target.</p>\n</header>\n<main>\n" : $" on {Num(report.Targets.Count)} targets.</p>\n</header>\n<main>\n");
            WriteSummary(w, report, ids);
            cancellationToken.ThrowIfCancellationRequested();
            CauseSectionWriter.Write(w, report, _knowledge, ids);
            TargetSectionWriter.Write(w, report, ids, cancellationToken);
            w.Write("</main>\n<footer>\n<p class=\"note\">The causes, solution steps and repair commands come from the module's knowledge base, built from Microsoft's article ");
            w.Write("\u201CTroubleshoot Azure Backup failure: issues with the agent and/or extension\u201D (learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout). ");
            w.Write("This page is self-contained: it loads nothing from the network.</p>\n</footer>\n<script>");
            w.Write(_assets.Script);
            w.Write("</script>\n</body>\n</html>\n");
        }

        private static void WriteSummary(TextWriter w, HealthReport report, IReadOnlyDictionary<TargetSummary, string> ids)
        {
            w.Write("<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"cards\">");
            w.Write($"<div class=\"card\"><dt>Targets scanned</dt><dd id=\"count-targets\">{Num(report.Targets.Count)}</dd></div>");
            w.Write($"<div class=\"card\"><dt>Results</dt><dd id=\"count-results\">{Num(report.Counts.Total)}</dd></div>");
            foreach (var status in StatusSeverity.WorstFirst)
            {
                w.Write($"<div class=\"card s-{status}\"><dt>{StatusLabel.For(status)}</dt><dd id=\"count-{status}\" data-s=\"{status}\">{Num(report.Counts[status])}</dd></div>");
            }

            w.Write("</dl>\n");
            if (report.RepairTotal > 0)
            {
                w.Write("<h3>Repairs</h3>\n<dl class=\"cards\">");
                foreach (var pair in report.RepairCounts.OrderBy(p => p.Key))
                {
                    w.Write($"<div class=\"card\"><dt>{pair.Key}</dt><dd id=\"count-repair-{pair.Key}\">{Num(pair.Value)}</dd></div>");
                }

                w.Write("</dl>\n");
            }

            w.Write("<h3>Results by cause</h3>\n<table id=\"cause-table\"><thead><tr><th>Cause</th>");
            foreach (var status in StatusSeverity.WorstFirst)
            {
                w.Write($"<th class=\"n\">{StatusLabel.For(status)}</th>");
            }

            w.Write("<th class=\"n\">Targets affected</th></tr></thead><tbody>\n");
            foreach (var cause in report.Causes)
            {
                w.Write($"<tr data-c=\"{cause.Cause}\"><td><a href=\"#cause-{cause.Cause}\">");
                HtmlText.Write(w, CauseLabel.For(cause.Cause));
                w.Write("</a></td>");
                foreach (var status in StatusSeverity.WorstFirst)
                {
                    w.Write($"<td class=\"n\" data-s=\"{status}\">{Num(cause.Counts[status])}</td>");
                }

                w.Write($"<td class=\"n\">{Num(cause.AffectedTargets.Count)}</td></tr>\n");
            }

            w.Write("</tbody></table>\n<figure>");
            CauseChart.Write(w, report);
            w.Write("<figcaption class=\"note\">Failed, error and warning results by cause. Each status has its own pattern; every count of the cause, passed included, follows its bar.</figcaption></figure>\n");

            w.Write("<h3>Worst targets</h3>\n");
            var worst = report.Targets.Where(t => t.Counts.Problems > 0).Take(WorstTargetCount).ToList();
            if (worst.Count == 0)
            {
                w.Write("<p id=\"worst-targets\" class=\"note\">No target has a failed, error or warning result.</p>\n");
            }
            else
            {
                w.Write("<ol id=\"worst-targets\">");
                foreach (var target in worst)
                {
                    w.Write($"<li><a href=\"#{ids[target]}\">");
                    HtmlText.Write(w, target.Name);
                    w.Write("</a> ");
                    WriteBadge(w, target);
                    w.Write(' ');
                    w.Write(CauseChart.CountsInWords(target.Counts));
                    w.Write("</li>");
                }

                w.Write("</ol>\n");
            }

            w.Write("</section>\n");
        }

        internal static void WriteBadge(TextWriter w, TargetSummary target)
        {
            if (target.WorstStatus is { } status)
            {
                w.Write($"<span class=\"badge s-{status}\">{StatusLabel.For(status)}</span>");
            }
            else
            {
                w.Write("<span class=\"badge\">Repairs only</span>");
            }
        }

        internal static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
