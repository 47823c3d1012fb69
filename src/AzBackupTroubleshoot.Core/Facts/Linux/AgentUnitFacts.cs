namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The init system a unit belongs to.</summary>
    public enum InitSystem
    {
        /// <summary>A systemd service unit.</summary>
        Systemd,

        /// <summary>An upstart job (Ubuntu 14.04).</summary>
        Upstart,
    }

    /// <summary>One <c>NAME=value</c> the init system puts into the agent's environment, with where it came from.</summary>
    public sealed class EnvironmentSetting
    {
        internal EnvironmentSetting(string name, string value, string evidence)
        {
            Name = name;
            Value = value;
            Evidence = evidence;
        }

        /// <summary>The variable name.</summary>
        public string Name { get; }

        /// <summary>Its value.</summary>
        public string Value { get; }

        /// <summary>The file and line it was set on.</summary>
        public string Evidence { get; }
    }

    /// <summary>What the root says about one agent unit (walinuxagent or waagent).</summary>
    public sealed class AgentUnit
    {
        internal AgentUnit(
            string name,
            InitSystem initSystem,
            FileFact<SystemdUnitFile>? unitFile,
            IReadOnlyList<FileFact<SystemdUnitFile>> dropIns,
            bool enabled,
            string enabledEvidence,
            bool masked,
            string? restart,
            string restartEvidence,
            IReadOnlyList<EnvironmentSetting> environment,
            IReadOnlyList<FileProblem>? folderProblems = null)
        {
            FolderProblems = folderProblems ?? System.Array.Empty<FileProblem>();
            Name = name;
            InitSystem = initSystem;
            UnitFile = unitFile;
            DropIns = dropIns;
            Enabled = enabled;
            EnabledEvidence = enabledEvidence;
            Masked = masked;
            Restart = restart;
            RestartEvidence = restartEvidence;
            Environment = environment;
        }

        /// <summary><c>walinuxagent</c> or <c>waagent</c>.</summary>
        public string Name { get; }

        /// <summary>systemd or upstart.</summary>
        public InitSystem InitSystem { get; }

        /// <summary>The unit file (systemd) or job file (upstart) that is in effect; its path says which directory won.</summary>
        public FileFact<SystemdUnitFile>? UnitFile { get; }

        /// <summary>The drop-ins in the order systemd applies them (systemd only).</summary>
        public IReadOnlyList<FileFact<SystemdUnitFile>> DropIns { get; }

        /// <summary>Whether the unit starts at boot (a link in a <c>*.wants/</c> directory; an upstart job not set to manual).</summary>
        public bool Enabled { get; }

        /// <summary>What showed it enabled or not.</summary>
        public string EnabledEvidence { get; }

        /// <summary>True when the unit is masked (linked to /dev/null or empty in /etc or /run).</summary>
        public bool Masked { get; }

        /// <summary>
        /// The effective <c>Restart=</c> (systemd; null means systemd's default <c>no</c>), or <c>respawn</c> for an upstart job
        /// that has the stanza.
        /// </summary>
        public string? Restart { get; }

        /// <summary>Where <see cref="Restart"/> was set, or that it is not set.</summary>
        public string RestartEvidence { get; }

        /// <summary>True when the init system restarts the agent when it dies.</summary>
        public bool RestartsOnFailure =>
            Restart != null && (Restart == "always" || Restart == "on-failure" || Restart == "on-abnormal" || Restart == "on-abort" || Restart == "respawn");

        /// <summary>
        /// Unit folders that could not be listed (drop-in folders, the <c>*.wants/</c> parents): the drop-ins and whether the
        /// unit is enabled are then unknown, not absent.
        /// </summary>
        public IReadOnlyList<FileProblem> FolderProblems { get; }

        /// <summary>Environment the unit sets (<c>Environment=</c> in the unit and its drop-ins, <c>env</c> in an upstart job).</summary>
        public IReadOnlyList<EnvironmentSetting> Environment { get; }
    }

    /// <summary>The agent units found in a root.</summary>
    public sealed class AgentUnitFacts
    {
        internal AgentUnitFacts(IReadOnlyList<AgentUnit> units, IReadOnlyList<string> searched)
        {
            Units = units;
            Searched = searched;
            Primary = null;
            foreach (var unit in units)
            {
                if (Primary is null || (unit.Enabled && !Primary.Enabled))
                {
                    Primary = unit;
                }
            }
        }

        /// <summary>Every agent unit found (both names are looked for).</summary>
        public IReadOnlyList<AgentUnit> Units { get; }

        /// <summary>The unit that matters: the enabled one, else the first found (walinuxagent before waagent).</summary>
        public AgentUnit? Primary { get; }

        /// <summary>The places that were looked in, for evidence when nothing was found.</summary>
        public IReadOnlyList<string> Searched { get; }
    }
}
