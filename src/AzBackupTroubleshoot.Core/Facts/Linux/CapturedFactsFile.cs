using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The <see cref="CapturedFacts"/> file of a root or bundle, and whether the source is a bundle at all.</summary>
    public sealed class CapturedFactsFile
    {
        private CapturedFactsFile(FileFact<CapturedFacts> facts, bool isBundle, bool isLive)
        {
            Facts = facts;
            IsBundle = isBundle;
            IsLive = isLive;
        }

        /// <summary>The file (absent in a plain root, in a bundle from an older version and on the live machine).</summary>
        public FileFact<CapturedFacts> Facts { get; }

        /// <summary>True when the source is a bundle (it has the results file), of any format version.</summary>
        public bool IsBundle { get; }

        /// <summary>True when the source is the running machine (nothing is captured; facts are read directly).</summary>
        public bool IsLive { get; }

        /// <summary>Reads the file from <paramref name="root"/>; on a live root nothing is read.</summary>
        public static CapturedFactsFile Read(ILinuxRoot root, bool isLive)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (isLive)
            {
                return new CapturedFactsFile(FileFact<CapturedFacts>.Absent("/" + CapturedFacts.EntryName), false, true);
            }

            var isBundle = root.GetKind(CapturedFacts.ResultsEntryName) == RootEntryKind.File;
            var text = TextFileDecoder.Decode(root.Read(CapturedFacts.EntryName));
            if (!text.IsPresent)
            {
                return new CapturedFactsFile(text.Status == FactStatus.Absent ? FileFact<CapturedFacts>.Absent(text.Path) : FileFact<CapturedFacts>.Malformed(text.Path, text.Problem!), isBundle, false);
            }

            var facts = CapturedFacts.Parse(text.Value!, out var problem);
            return new CapturedFactsFile(facts is null ? FileFact<CapturedFacts>.Malformed(text.Path, problem!) : FileFact<CapturedFacts>.Present(text.Path, facts), true, false);
        }

        /// <summary>
        /// Why <paramref name="what"/> is not known: a bundle without the file was written by an older version; otherwise the
        /// source (or the root a bundle was taken from) is an offline root, which does not hold live facts.
        /// </summary>
        public string MissingReason(string what) => IsBundle && Facts.Status == FactStatus.Absent
            ? $"This bundle was captured by an older version of Save-AzBackupAgentLog (bundle format 1), which did not record {what}; take a new bundle."
            : $"An offline root does not hold the live {what}: only the running machine has it, or a bundle taken from it with Save-AzBackupAgentLog.";
    }
}
