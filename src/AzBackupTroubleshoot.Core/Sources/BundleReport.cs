namespace AzBackupTroubleshoot.Core.Sources
{
    /// <summary>What Save-AzBackupAgentLog wrote.</summary>
    public sealed class BundleReport
    {
        internal BundleReport(string path, int fileCount, long length, IReadOnlyDictionary<string, int> redactions, IReadOnlyList<string> leftOut)
        {
            Path = path;
            FileCount = fileCount;
            Length = length;
            Redactions = redactions;
            LeftOut = leftOut;
        }

        /// <summary>The zip file.</summary>
        public string Path { get; }

        /// <summary>How many files it holds (the results file included).</summary>
        public int FileCount { get; }

        /// <summary>Its size in bytes.</summary>
        public long Length { get; }

        /// <summary>What was redacted, by kind (the names of <see cref="Redaction.SecretKind"/>, and KeyOrCertificateFile for files left out as keys).</summary>
        public IReadOnlyDictionary<string, int> Redactions { get; }

        /// <summary>Files left out, each with the reason (keys and certificates, archives and non-gzip compressed files, gzip over the limits).</summary>
        public IReadOnlyList<string> LeftOut { get; }

        /// <summary>The total number of secrets redacted.</summary>
        public int RedactedCount => Redactions.Values.Sum();
    }
}
