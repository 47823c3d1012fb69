using System.Security.Cryptography;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>
    /// The report's inline style sheet and script (embedded resources), with the SHA-256 hashes the page's
    /// Content-Security-Policy allows: no other script or style can run, and nothing can be fetched.
    /// </summary>
    internal sealed class ReportAssets
    {
        private ReportAssets(string css, string script)
        {
            Css = css;
            Script = script;
            CssHash = Hash(css);
            ScriptHash = Hash(script);
        }

        public string Css { get; }

        public string Script { get; }

        /// <summary>The CSP source for the style sheet: 'sha256-...'.</summary>
        public string CssHash { get; }

        /// <summary>The CSP source for the script: 'sha256-...'.</summary>
        public string ScriptHash { get; }

        public static ReportAssets Load() => new ReportAssets(Read("HealthReport.css"), Read("HealthReport.js"));

        private static string Read(string name)
        {
            var resource = "AzBackupTroubleshoot.Core.Reporting." + name;
            using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource '{resource}' is missing (a broken build).");
            using var reader = new StreamReader(stream, Encoding.UTF8);

            // One line ending whatever the checkout did, so the hash matches what is written.
            return reader.ReadToEnd().Replace("\r\n", "\n");
        }

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            return "'sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text))) + "'";
        }
    }
}
