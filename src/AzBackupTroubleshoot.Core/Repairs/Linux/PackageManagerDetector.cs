using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Repairs.Linux
{
    /// <summary>How the distribution updates the agent: the package manager, the package, and the commands to run.</summary>
    public sealed class AgentPackage
    {
        internal AgentPackage(string manager, string package, IReadOnlyList<IReadOnlyList<string>> commands, string evidence)
        {
            Manager = manager;
            Package = package;
            Commands = commands;
            Evidence = evidence;
        }

        /// <summary><c>apt-get</c>, <c>dnf</c>, <c>yum</c> or <c>zypper</c>.</summary>
        public string Manager { get; }

        /// <summary>The agent's package name (walinuxagent, waagent, WALinuxAgent, python-azure-agent).</summary>
        public string Package { get; }

        /// <summary>The argument lists to run with <see cref="Manager"/>, in order.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Commands { get; }

        /// <summary>What the choice was based on.</summary>
        public string Evidence { get; }
    }

    /// <summary>
    /// Picks the distribution's package manager from the root (<c>etc/os-release</c> ID and ID_LIKE, <c>etc/debian_version</c>,
    /// <c>usr/bin/dnf</c>) and the agent's package name (dpkg's file lists on Debian-like systems). Only the distribution's own
    /// repositories are used, as the article recommends; nothing is downloaded from anywhere else.
    /// </summary>
    public sealed class PackageManagerDetector
    {
        /// <summary>The package for the root, or null with a reason when the distribution is not one this knows.</summary>
        public AgentPackage? Detect(ILinuxRoot root, out string? reason)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var release = ReadOsRelease(root);
            var id = release.TryGetValue("ID", out var i) ? i.ToLowerInvariant() : string.Empty;
            var like = release.TryGetValue("ID_LIKE", out var l) ? l.ToLowerInvariant().Split(' ') : Array.Empty<string>();
            var family = new[] { id }.Concat(like).ToArray();
            var evidence = $"/etc/os-release: ID={id}{(like.Length > 0 ? ", ID_LIKE=" + string.Join(" ", like) : string.Empty)}";
            reason = null;

            if (family.Any(f => f == "debian" || f == "ubuntu") || root.GetKind("etc/debian_version") == RootEntryKind.File)
            {
                var package = root.GetKind("var/lib/dpkg/info/walinuxagent.list") == RootEntryKind.File ? "walinuxagent"
                    : root.GetKind("var/lib/dpkg/info/waagent.list") == RootEntryKind.File ? "waagent"
                    : id == "debian" ? "waagent" : "walinuxagent";
                return new AgentPackage("apt-get", package, new IReadOnlyList<string>[]
                {
                    new[] { "update" },
                    new[] { "install", "--only-upgrade", "-y", "-o", "Dpkg::Options::=--force-confold", package },
                }, evidence);
            }

            if (family.Any(f => f == "suse" || f == "sles" || f.StartsWith("opensuse", StringComparison.Ordinal)))
            {
                return new AgentPackage("zypper", "python-azure-agent", new IReadOnlyList<string>[] { new[] { "--non-interactive", "update", "python-azure-agent" } }, evidence);
            }

            if (family.Any(f => f == "rhel" || f == "fedora" || f == "centos" || f == "ol" || f == "almalinux" || f == "rocky" || f == "mariner" || f == "azurelinux"))
            {
                var dnf = root.GetKind("usr/bin/dnf") != RootEntryKind.None;
                return dnf
                    ? new AgentPackage("dnf", "WALinuxAgent", new IReadOnlyList<string>[] { new[] { "-y", "upgrade", "WALinuxAgent" } }, evidence + "; /usr/bin/dnf exists")
                    : new AgentPackage("yum", "WALinuxAgent", new IReadOnlyList<string>[] { new[] { "-y", "update", "WALinuxAgent" } }, evidence);
            }

            reason = id.Length == 0
                ? "/etc/os-release is missing or has no ID, so the distribution's package manager is unknown"
                : $"the distribution '{id}' is not one whose package manager this knows (apt-get, dnf, yum, zypper)";
            return null;
        }

        private static Dictionary<string, string> ReadOsRelease(ILinuxRoot root)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var text = TextFileDecoder.Decode(root.Read("etc/os-release"));
            if (!text.IsPresent)
            {
                text = TextFileDecoder.Decode(root.Read("usr/lib/os-release"));
            }

            if (text.IsPresent)
            {
                foreach (var line in TextFileDecoder.Lines(text.Value!))
                {
                    var eq = line.IndexOf('=');
                    if (eq > 0 && line[0] != '#')
                    {
                        values[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim().Trim('"', '\'');
                    }
                }
            }

            return values;
        }
    }
}
