using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// An inline SVG bar chart of results by cause: one bar per cause, stacked from its failed, error and warning results
    /// (passed results, which would dwarf them in a fleet, are not drawn), followed by every count of the cause in words.
    /// Each status has its own fill pattern as well as its own colour and each segment wide enough carries its count, so
    /// the chart reads in greyscale and to a screen reader too.
    /// </summary>
    internal static class CauseChart
    {
        private const int Width = 900;
        private const int LabelWidth = 200;
        private const int BarWidth = 400;
        private const int RowHeight = 30;
        private const int BarHeight = 20;
        private const int LegendHeight = 34;

        private static readonly CheckStatus[] Drawn = { CheckStatus.Failed, CheckStatus.Error, CheckStatus.Warning };

        public static void Write(TextWriter w, HealthReport report)
        {
            var statuses = Drawn.Where(s => report.Counts[s] > 0).ToList();
            var max = Math.Max(1, report.Causes.Select(c => c.Counts.Problems).DefaultIfEmpty(0).Max());
            var height = LegendHeight + (report.Causes.Count * RowHeight) + 6;

            w.Write("<svg id=\"cause-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
            w.Write(Num(Width));
            w.Write(' ');
            w.Write(Num(height));
            w.Write("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">Failed, error and warning results by cause</title><desc id=\"chart-desc\">");
            foreach (var cause in report.Causes)
            {
                HtmlText.Write(w, CauseLabel.For(cause.Cause));
                w.Write(": ");
                w.Write(CountsInWords(cause.Counts));
                w.Write(". ");
            }

            w.Write("</desc>");
            WritePatterns(w);

            // Legend: a swatch with the pattern and the status name for every status present.
            var x = 0;
            foreach (var status in statuses)
            {
                w.Write($"<g class=\"legend\" data-s=\"{status}\"><rect x=\"{Num(x)}\" y=\"6\" width=\"18\" height=\"18\" fill=\"url(#p-{status})\" stroke=\"#333\"/>");
                w.Write($"<text x=\"{Num(x + 24)}\" y=\"20\">{StatusLabel.For(status)} ({Num(report.Counts[status])})</text></g>");
                x += 40 + (StatusLabel.For(status).Length * 8) + (Num(report.Counts[status]).Length * 8);
            }

            var y = LegendHeight;
            foreach (var cause in report.Causes)
            {
                w.Write($"<g class=\"bar\" data-c=\"{cause.Cause}\">");
                w.Write($"<text class=\"cause-label\" x=\"0\" y=\"{Num(y + 15)}\">");
                HtmlText.Write(w, CauseLabel.For(cause.Cause));
                w.Write("</text>");
                double left = LabelWidth;
                foreach (var status in Drawn)
                {
                    var n = cause.Counts[status];
                    if (n == 0)
                    {
                        continue;
                    }

                    var width = Math.Max(1.0, BarWidth * (double)n / max);
                    w.Write($"<rect class=\"seg\" data-s=\"{status}\" x=\"{Num(left)}\" y=\"{Num(y)}\" width=\"{Num(width)}\" height=\"{Num(BarHeight)}\" fill=\"url(#p-{status})\" stroke=\"#333\" stroke-width=\"0.5\">");
                    w.Write($"<title>{CauseLabel.For(cause.Cause)}: {StatusLabel.Count(n, status)}</title></rect>");
                    if (width >= (Num(n).Length * 8) + 8)
                    {
                        w.Write($"<text class=\"seg-count\" x=\"{Num(left + (width / 2))}\" y=\"{Num(y + 15)}\" text-anchor=\"middle\">{Num(n)}</text>");
                    }

                    left += width;
                }

                w.Write($"<text class=\"bar-counts\" x=\"{Num(LabelWidth + BarWidth + 10)}\" y=\"{Num(y + 15)}\">{CountsInWords(cause.Counts)}</text>");
                w.Write("</g>");
                y += RowHeight;
            }

            w.Write("</svg>");
        }

        /// <summary>"3 failed, 1 error, 20 passed": every non-zero status, worst first.</summary>
        public static string CountsInWords(StatusCounts counts) =>
            string.Join(", ", StatusSeverity.WorstFirst.Where(s => counts[s] > 0).Select(s => StatusLabel.Count(counts[s], s)));

        private static void WritePatterns(TextWriter w)
        {
            // Solid dark red; white cross-hatch on purple; dark stripes on amber.
            w.Write("<defs>");
            w.Write("<pattern id=\"p-Failed\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#b3261e\"/></pattern>");
            w.Write("<pattern id=\"p-Error\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#6a1b9a\"/><path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern>");
            w.Write("<pattern id=\"p-Warning\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#f2b200\"/><rect width=\"3\" height=\"8\" fill=\"#4a3700\"/></pattern>");
            w.Write("</defs>");
        }

        private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
