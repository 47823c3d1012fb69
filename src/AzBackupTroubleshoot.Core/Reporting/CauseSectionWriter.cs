using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// The report's section per cause present in the results: its counts, the targets it affects, the command that repairs
    /// it, and every knowledge-base entry of that cause with its meaning and solution steps.
    /// </summary>
    internal static class CauseSectionWriter
    {
        /// <summary>How many affected targets a cause section links to before it says "and N more".</summary>
        private const int TargetLinks = 20;

        public static void Write(TextWriter w, HealthReport report, KnowledgeBase knowledge, IReadOnlyDictionary<TargetSummary, string> ids)
        {
            w.Write("<section id=\"causes\">\n<h2>Causes</h2>\n<p class=\"note\">What each cause means, the article's solution and the command that repairs it; causes with failed, error or warning results first.</p>\n");
            foreach (var cause in report.Causes)
            {
                var problems = cause.Counts.Problems > 0;
                w.Write($"<section class=\"cause{(problems ? " has-problems" : string.Empty)}\" id=\"cause-{cause.Cause}\" data-c=\"{cause.Cause}\">\n<h3>");
                HtmlText.Write(w, CauseLabel.For(cause.Cause));
                w.Write($" <code>{cause.Cause}</code></h3>\n<p class=\"counts\">");
                w.Write(CauseChart.CountsInWords(cause.Counts));
                if (cause.AffectedTargets.Count > 0)
                {
                    w.Write($". Targets affected ({HtmlReportWriter.Num(cause.AffectedTargets.Count)}): ");
                    var first = true;
                    foreach (var target in cause.AffectedTargets.Take(TargetLinks))
                    {
                        if (!first)
                        {
                            w.Write(", ");
                        }

                        first = false;
                        w.Write($"<a href=\"#{ids[target]}\">");
                        HtmlText.Write(w, target.Name);
                        w.Write("</a>");
                    }

                    if (cause.AffectedTargets.Count > TargetLinks)
                    {
                        w.Write($" and {HtmlReportWriter.Num(cause.AffectedTargets.Count - TargetLinks)} more");
                    }
                }

                w.Write(".</p>\n");
                var entries = knowledge.Causes.Where(c => c.Cause == cause.Cause).ToList();
                var repair = entries.SelectMany(e => e.Steps).Select(s => s.Repair).FirstOrDefault(r => !string.IsNullOrEmpty(r));
                if (repair != null)
                {
                    w.Write("<p class=\"repair\"><strong>Repair:</strong> <code>");
                    HtmlText.Write(w, repair);
                    w.Write("</code></p>\n");
                }

                if (entries.Count == 0)
                {
                    w.Write("<p class=\"note\">The knowledge base has no article entry for this cause.</p>\n");
                }

                foreach (var entry in entries)
                {
                    WriteEntry(w, entry, problems);
                }

                w.Write("</section>\n");
            }

            w.Write("</section>\n");
        }

        private static void WriteEntry(TextWriter w, CauseEntry entry, bool open)
        {
            w.Write(open ? "<details class=\"kb\" open><summary>" : "<details class=\"kb\"><summary>");
            HtmlText.Write(w, entry.Title);
            w.Write("</summary>\n<p>");
            HtmlText.Write(w, entry.Description);
            w.Write("</p>\n<ol class=\"steps\">");
            foreach (var step in entry.Steps)
            {
                w.Write("<li>");
                HtmlText.Write(w, step.Text);
                if (!string.IsNullOrEmpty(step.Repair))
                {
                    w.Write("<div class=\"repair\">Repair: <code>");
                    HtmlText.Write(w, step.Repair);
                    w.Write("</code></div>");
                }

                w.Write("</li>");
            }

            w.Write("</ol>\n</details>\n");
        }
    }
}
