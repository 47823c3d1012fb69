using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>The role of an agent process.</summary>
    public enum AgentProcessRole
    {
        /// <summary><c>waagent -daemon</c>: provisioning and the parent of the extension handler.</summary>
        Daemon,

        /// <summary><c>-run-exthandlers</c>: the process that runs extensions (the backup extension included).</summary>
        ExtensionHandler,
    }

    /// <summary>One agent process found in <c>proc/&lt;pid&gt;/cmdline</c>.</summary>
    public sealed class AgentProcess
    {
        internal AgentProcess(int pid, AgentProcessRole role, IReadOnlyList<string> arguments, bool truncated = false)
        {
            Pid = pid;
            Role = role;
            Arguments = arguments;
            Truncated = truncated;
        }

        /// <summary>
        /// True when the command line was longer than <see cref="AgentProcessReader.MaxCommandLineBytes"/>: <see cref="Arguments"/>
        /// holds the whole arguments before the cut, and the evidence says so.
        /// </summary>
        public bool Truncated { get; }

        /// <summary>The process id.</summary>
        public int Pid { get; }

        /// <summary>What it does.</summary>
        public AgentProcessRole Role { get; }

        /// <summary>Its command line, one argument per item.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Evidence text: <c>pid 1234: /usr/bin/python3 -u /usr/sbin/waagent -daemon</c>.</summary>
        public string Evidence => $"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/cmdline: {string.Join(" ", Arguments)}"
            + (Truncated ? $" ... (cut: the command line is longer than {AgentProcessReader.MaxCommandLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)" : string.Empty);
    }

    /// <summary>The process table as far as the agent is concerned.</summary>
    public sealed class AgentProcessFacts
    {
        internal AgentProcessFacts(int processCount, IReadOnlyList<AgentProcess> agentProcesses, IReadOnlyList<FileProblem> malformed)
        {
            ProcessCount = processCount;
            AgentProcesses = agentProcesses;
            Malformed = malformed;
        }

        /// <summary>How many <c>proc/&lt;pid&gt;</c> entries the root has (0 for a mounted disk: there is no process table).</summary>
        public int ProcessCount { get; }

        /// <summary>The agent's processes.</summary>
        public IReadOnlyList<AgentProcess> AgentProcesses { get; }

        /// <summary>cmdline files that could not be read as text, or <c>/proc</c> itself when it could not be listed.</summary>
        public IReadOnlyList<FileProblem> Malformed { get; }

        /// <summary>True when the root has a process table at all.</summary>
        public bool HasProcessTable => ProcessCount > 0;

        /// <summary>The processes with a role.</summary>
        public IEnumerable<AgentProcess> WithRole(AgentProcessRole role) => AgentProcesses.Where(p => p.Role == role);
    }

    /// <summary>
    /// Finds the agent's two processes from <c>proc/&lt;pid&gt;/cmdline</c> (NUL-separated arguments): a Python running
    /// <c>waagent</c> (or an auto-updated <c>WALinuxAgent-&lt;v&gt;-py*.egg</c>) with <c>-daemon</c> or <c>-run-exthandlers</c>.
    /// The agent accepts <c>-</c>, <c>--</c> or <c>/</c> before a command, and so does this reader.
    /// </summary>
    public sealed class AgentProcessReader
    {
        /// <summary>The most bytes of one <c>cmdline</c> read (a longer one is cut, and its evidence says so).</summary>
        public const int MaxCommandLineBytes = 64 * 1024;

        private static readonly Regex AgentProgram = new Regex(@"(^|/)waagent2?$|(^|/)WALinuxAgent-[0-9][^/]*\.egg$|(^|/)azurelinuxagent(/|$)", RegexOptions.CultureInvariant);
        private static readonly Regex DaemonArgument = new Regex(@"^[-/]*daemon$", RegexOptions.CultureInvariant);
        private static readonly Regex ExtHandlerArgument = new Regex(@"^[-/]*run-exthandlers$", RegexOptions.CultureInvariant);
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Reads the process table of a root.</summary>
        public AgentProcessFacts Read(ILinuxRoot root)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var count = 0;
            var found = new List<AgentProcess>();
            var malformed = new List<FileProblem>();
            foreach (var entry in root.List("proc").Noting(malformed))
            {
                if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                count++;
                var file = root.Read($"proc/{entry.Name}/cmdline", MaxCommandLineBytes);
                if (file.Status != RootReadStatus.Present || file.Content.Length == 0)
                {
                    continue; // a kernel thread, or a process that ended while the table was read
                }

                // A cut command line keeps its whole arguments only: up to the last NUL (a UTF-8 character may be split at the cut).
                var content = file.Content;
                var length = content.Length;
                if (file.Truncated)
                {
                    length = Math.Max(0, Array.LastIndexOf(content, (byte)0) + 1);
                }

                string text;
                try
                {
                    text = StrictUtf8.GetString(content, 0, length);
                }
                catch (DecoderFallbackException ex)
                {
                    malformed.Add(new FileProblem(file.Path, $"not UTF-8 text (invalid byte at offset {ex.Index})"));
                    continue;
                }

                var args = text.TrimEnd('\0').Split('\0');
                var role = RoleOf(args);
                if (role != null)
                {
                    found.Add(new AgentProcess(pid, role.Value, args, file.Truncated));
                }
            }

            return new AgentProcessFacts(count, found.OrderBy(p => p.Pid).ToArray(), malformed);
        }

        /// <summary>The role of a command line, or null when it is not an agent process.</summary>
        public static AgentProcessRole? RoleOf(IReadOnlyList<string> args)
        {
            if (args is null || !args.Any(a => AgentProgram.IsMatch(a)))
            {
                return null;
            }

            if (args.Any(a => ExtHandlerArgument.IsMatch(a)))
            {
                return AgentProcessRole.ExtensionHandler;
            }

            return args.Any(a => DaemonArgument.IsMatch(a)) ? AgentProcessRole.Daemon : (AgentProcessRole?)null;
        }
    }
}
