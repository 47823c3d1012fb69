using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// Chooses what goes into a log bundle: the logs the article asks for (<c>/var/lib/waagent/*.xml</c> and the goal-state
    /// history, <c>/var/log/waagent.log*</c>, <c>/var/log/azure/**</c>, waagent.conf, vmbackup.conf, the extensions' status
    /// files), and every file the checks read (units, leases, network configuration, the agent's proc and sys files), so
    /// the bundle can be analysed as a root. Other processes' command lines are not taken.
    /// </summary>
    public sealed class BundleFileSelector
    {
        private static readonly Regex Extension = new Regex(@"^[A-Za-z0-9_.]+-[0-9]+(\.[0-9]+)+$", RegexOptions.CultureInvariant);

        /// <summary>The root-relative paths of the files to bundle, and the directories to record as empty entries.</summary>
        public (IReadOnlyList<string> Files, IReadOnlyList<string> Directories) Select(ILinuxRoot root, LinuxFacts facts)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (facts is null)
            {
                throw new ArgumentNullException(nameof(facts));
            }

            var files = new SortedSet<string>(StringComparer.Ordinal);
            var directories = new SortedSet<string>(StringComparer.Ordinal);
            var conf = facts.WaagentConf.Value;
            // A setting with '..' (RootPath.ClimbingProblem) is not followed: the listing of such a path is simply unreadable.
            var libDir = RootPath.TryNormalize(conf?.LibDir ?? "/var/lib/waagent", out var libNormalized) ? libNormalized : conf!.LibDir;
            var extLogDir = RootPath.TryNormalize(conf?.ExtensionLogDir ?? "/var/log/azure", out var extLog) ? extLog : conf!.ExtensionLogDir;
            var policyPath = RootPath.TryNormalize(conf?.PolicyFilePath ?? "/etc/waagent_policy.json", out var policy) ? policy : WaagentConf.DefaultPath;

            foreach (var path in new[]
            {
                WaagentConf.DefaultPath, SnapshotExtensionReader.ConfigPath, policyPath,
                "etc/environment", "etc/os-release", "usr/lib/os-release", "etc/debian_version", "etc/default/walinuxagent",
                "proc/meminfo", "proc/loadavg", "proc/stat", "proc/1/cmdline", AzurePlatformReader.AssetTagPath,
                "etc/network/interfaces",
                FilesystemReader.MountTablePaths[0], FilesystemReader.FstabPath, RuntimeReader.DpkgStatusPath, RuntimeReader.SelinuxConfigPath,
            })
            {
                AddFile(root, files, path);
            }

            // The agent's library folder: top-level files, the goal-state history, the agents' and extensions' folders.
            foreach (var entry in root.List(libDir))
            {
                var path = RootPath.Combine(libDir, entry.Name);
                if (entry.Kind == RootEntryKind.File)
                {
                    files.Add(path);
                }
                else if (entry.Kind == RootEntryKind.Directory && entry.Name == "history")
                {
                    AddTree(root, files, path);
                }
                else if (entry.Kind == RootEntryKind.Directory && Extension.IsMatch(entry.Name))
                {
                    directories.Add(path);
                    foreach (var name in new[] { "HandlerManifest.json", "HandlerEnvironment.json", "manifest.xml", "mrseq", "heartbeat.log" })
                    {
                        AddFile(root, files, RootPath.Combine(path, name));
                    }

                    AddTree(root, files, RootPath.Combine(path, "status"));
                    AddTree(root, files, RootPath.Combine(path, "config"));
                }
            }

            AddMatching(root, files, "var/log", n => n.StartsWith("waagent.log", StringComparison.Ordinal));
            AddTree(root, files, extLogDir);

            foreach (var name in AgentUnitReader.UnitNames)
            {
                foreach (var dir in AgentUnitReader.UnitDirectories)
                {
                    AddFile(root, files, RootPath.Combine(dir, name + ".service"));
                    AddMatching(root, files, RootPath.Combine(dir, name + ".service.d"), n => n.EndsWith(".conf", StringComparison.Ordinal));
                    foreach (var wants in root.List(dir).Where(e => e.Kind == RootEntryKind.Directory && (e.Name.EndsWith(".wants", StringComparison.Ordinal) || e.Name.EndsWith(".requires", StringComparison.Ordinal))))
                    {
                        var link = RootPath.Combine(RootPath.Combine(dir, wants.Name), name + ".service");
                        if (root.GetKind(link) != RootEntryKind.None)
                        {
                            files.Add(link);
                        }
                    }
                }

                AddFile(root, files, $"etc/init/{name}.conf");
                AddFile(root, files, $"etc/init/{name}.override");
            }

            foreach (var process in facts.Processes.AgentProcesses)
            {
                AddFile(root, files, $"proc/{process.Pid}/cmdline");
            }

            foreach (var lib in AgentVersionReader.LibraryFolders)
            {
                foreach (var python in root.List(lib).Where(e => e.Kind == RootEntryKind.Directory && e.Name.StartsWith("python", StringComparison.Ordinal)))
                {
                    foreach (var leaf in new[] { "dist-packages", "site-packages" })
                    {
                        var folder = RootPath.Combine(RootPath.Combine(lib, python.Name), leaf);
                        foreach (var marker in root.List(folder).Where(e => e.Name.StartsWith("WALinuxAgent-", StringComparison.Ordinal)))
                        {
                            var path = RootPath.Combine(folder, marker.Name);
                            if (marker.Kind == RootEntryKind.Directory)
                            {
                                directories.Add(path);
                            }
                            else
                            {
                                files.Add(path);
                            }
                        }

                        AddFile(root, files, RootPath.Combine(folder, "azurelinuxagent/common/version.py"));
                    }
                }
            }

            // The python3.N standard-library folders (empty entries: their names give python3's version) and SELinux's local policy for the agent.
            foreach (var python in root.List("usr/lib").Where(e => e.Kind == RootEntryKind.Directory && e.Name.StartsWith("python3.", StringComparison.Ordinal)))
            {
                directories.Add(RootPath.Combine("usr/lib", python.Name));
            }

            var selinuxPolicy = facts.Runtime.Selinux.Config.Value?.Policy;
            if (selinuxPolicy != null)
            {
                AddFile(root, files, $"etc/selinux/{selinuxPolicy}/contexts/files/file_contexts.local");
                foreach (var store in new[] { $"var/lib/selinux/{selinuxPolicy}/active/modules", $"etc/selinux/{selinuxPolicy}/active/modules" })
                {
                    foreach (var priority in root.List(store).Where(e => e.Kind == RootEntryKind.Directory))
                    {
                        foreach (var module in root.List(RootPath.Combine(store, priority.Name)).Where(e => e.Name.IndexOf("waagent", StringComparison.OrdinalIgnoreCase) >= 0))
                        {
                            directories.Add(RootPath.Combine(RootPath.Combine(store, priority.Name), module.Name));
                        }
                    }
                }
            }

            foreach (var (folder, name, _) in DhcpLeaseReader.LeaseLocations)
            {
                AddMatching(root, files, folder, n => name.IsMatch(n));
            }

            AddMatching(root, files, "etc/network/interfaces.d", _ => true);
            AddMatching(root, files, "etc/netplan", n => n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".yml", StringComparison.Ordinal));
            AddMatching(root, files, "etc/NetworkManager/system-connections", _ => true);
            AddMatching(root, files, "etc/sysconfig/network-scripts", n => n.StartsWith("ifcfg-", StringComparison.Ordinal));
            AddMatching(root, files, "etc/sysconfig/network", n => n.StartsWith("ifcfg-", StringComparison.Ordinal));
            AddMatching(root, files, "etc/systemd/network", n => n.EndsWith(".network", StringComparison.Ordinal));
            return (files.ToArray(), directories.ToArray());
        }

        private static void AddFile(ILinuxRoot root, ISet<string> files, string path)
        {
            if (root.GetKind(path) == RootEntryKind.File || root.ReadLink(path) != null)
            {
                files.Add(RootPath.Normalize(path));
            }
        }

        private static void AddMatching(ILinuxRoot root, ISet<string> files, string folder, Func<string, bool> accept)
        {
            foreach (var entry in root.List(folder).Where(e => e.Kind == RootEntryKind.File && accept(e.Name)))
            {
                files.Add(RootPath.Combine(folder, entry.Name));
            }
        }

        private static void AddTree(ILinuxRoot root, ISet<string> files, string folder, int depth = 0)
        {
            if (depth > 8)
            {
                return;
            }

            foreach (var entry in root.List(folder))
            {
                var path = RootPath.Combine(folder, entry.Name);
                if (entry.Kind == RootEntryKind.File)
                {
                    files.Add(path);
                }
                else if (entry.Kind == RootEntryKind.Directory)
                {
                    AddTree(root, files, path, depth + 1);
                }
            }
        }
    }
}
