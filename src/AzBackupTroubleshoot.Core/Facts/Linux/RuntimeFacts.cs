namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>What the agent and the backup extension need to run: the distribution, python3, the agent's package, SELinux, the agent WireServer offers.</summary>
    public sealed class RuntimeFacts
    {
        internal RuntimeFacts(FileFact<OsRelease> osRelease, PythonFacts python, FileFact<DpkgStatus> dpkg, bool rpmDatabase, SelinuxFacts selinux, FileFact<OfferedAgent> offeredAgent)
        {
            OsRelease = osRelease;
            Python = python;
            Dpkg = dpkg;
            RpmDatabase = rpmDatabase;
            Selinux = selinux;
            OfferedAgent = offeredAgent;
        }

        /// <summary><c>/etc/os-release</c> (else <c>/usr/lib/os-release</c>).</summary>
        public FileFact<OsRelease> OsRelease { get; }

        /// <summary>The system's python3.</summary>
        public PythonFacts Python { get; }

        /// <summary><c>/var/lib/dpkg/status</c> (the agent's stanza).</summary>
        public FileFact<DpkgStatus> Dpkg { get; }

        /// <summary>True when an rpm database folder exists (<c>/var/lib/rpm</c> or <c>/usr/lib/sysimage/rpm</c>).</summary>
        public bool RpmDatabase { get; }

        /// <summary>SELinux.</summary>
        public SelinuxFacts Selinux { get; }

        /// <summary>The newest agent the WireServer offers (from the saved ExtensionsConfig).</summary>
        public FileFact<OfferedAgent> OfferedAgent { get; }
    }
}
