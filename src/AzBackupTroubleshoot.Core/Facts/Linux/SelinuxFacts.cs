namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>SELinux: the configured mode and any local policy that names waagent.</summary>
    public sealed class SelinuxFacts
    {
        internal SelinuxFacts(FileFact<SelinuxConfig> config, IReadOnlyList<string> waagentPolicy, IReadOnlyList<FileProblem>? folderProblems = null)
        {
            FolderProblems = folderProblems ?? System.Array.Empty<FileProblem>();
            Config = config;
            WaagentPolicy = waagentPolicy;
        }

        /// <summary><c>/etc/selinux/config</c>.</summary>
        public FileFact<SelinuxConfig> Config { get; }

        /// <summary>
        /// What shows a local exception for the agent: policy modules whose name contains <c>waagent</c> (installed with
        /// semodule -i) and <c>file_contexts.local</c> lines for <c>/var/lib/waagent</c> (semanage fcontext).
        /// </summary>
        public IReadOnlyList<string> WaagentPolicy { get; }

        /// <summary>Policy module folders that could not be listed: a module there is unknown, not absent.</summary>
        public IReadOnlyList<FileProblem> FolderProblems { get; }
    }
}
