using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>How one interface gets its IPv4 address, according to one configuration file.</summary>
    public sealed class InterfaceAddressing
    {
        internal InterfaceAddressing(string interfaceName, bool usesDhcp, string evidence)
        {
            InterfaceName = interfaceName;
            UsesDhcp = usesDhcp;
            Evidence = evidence;
        }

        /// <summary>The interface (or connection) name.</summary>
        public string InterfaceName { get; }

        /// <summary>True for DHCP, false for a static address.</summary>
        public bool UsesDhcp { get; }

        /// <summary>The file and line that said so.</summary>
        public string Evidence { get; }
    }

    /// <summary>The network configuration found in the root.</summary>
    public sealed class NetworkConfigFacts
    {
        internal NetworkConfigFacts(IReadOnlyList<InterfaceAddressing> interfaces, IReadOnlyList<FileProblem> malformed, int filesRead)
        {
            Interfaces = interfaces;
            Malformed = malformed;
            FilesRead = filesRead;
        }

        /// <summary>Every non-loopback interface whose IPv4 addressing a file sets.</summary>
        public IReadOnlyList<InterfaceAddressing> Interfaces { get; }

        /// <summary>Configuration files that could not be read or parsed, and configuration folders that could not be listed.</summary>
        public IReadOnlyList<FileProblem> Malformed { get; }

        /// <summary>How many configuration files were read.</summary>
        public int FilesRead { get; }

        /// <summary>True when some interface is static and none uses DHCP: the VM then cannot learn the WireServer address.</summary>
        public bool StaticOnly => Interfaces.Any(i => !i.UsesDhcp) && !Interfaces.Any(i => i.UsesDhcp);
    }

    /// <summary>
    /// Reads how interfaces get IPv4 addresses, from ifupdown (<c>etc/network/interfaces</c>, <c>interfaces.d/*</c>:
    /// <c>iface X inet static|dhcp</c>), netplan (<c>etc/netplan/*.yaml</c>: <c>dhcp4</c>, <c>addresses</c>), NetworkManager
    /// keyfiles (<c>[ipv4] method=manual|auto</c>), RHEL/SUSE ifcfg files (<c>BOOTPROTO=static|none|dhcp</c>) and
    /// systemd-networkd (<c>[Network] DHCP=</c>, <c>Address=</c>).
    /// </summary>
    public sealed class StaticNetworkReader
    {
        /// <summary>Reads the configuration from a root.</summary>
        public NetworkConfigFacts Read(ILinuxRoot root)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var found = new List<InterfaceAddressing>();
            var malformed = new List<FileProblem>();
            var files = 0;
            foreach (var path in new[] { "etc/network/interfaces" }.Concat(Files(root, "etc/network/interfaces.d", _ => true, malformed)))
            {
                Parse(root, path, ref files, malformed, text => ReadIfupdown(path, text, found));
            }

            foreach (var path in Files(root, "etc/netplan", n => n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".yml", StringComparison.Ordinal), malformed))
            {
                Parse(root, path, ref files, malformed, text => NetplanReader.Read("/" + path, text, found));
            }

            foreach (var path in Files(root, "etc/NetworkManager/system-connections", _ => true, malformed))
            {
                Parse(root, path, ref files, malformed, text => ReadNetworkManager(path, text, found));
            }

            foreach (var folder in new[] { "etc/sysconfig/network-scripts", "etc/sysconfig/network" })
            {
                foreach (var path in Files(root, folder, n => n.StartsWith("ifcfg-", StringComparison.Ordinal) && n != "ifcfg-lo", malformed))
                {
                    Parse(root, path, ref files, malformed, text => ReadIfcfg(path, text, found));
                }
            }

            foreach (var path in Files(root, "etc/systemd/network", n => n.EndsWith(".network", StringComparison.Ordinal), malformed))
            {
                Parse(root, path, ref files, malformed, text => ReadNetworkd(path, text, found));
            }

            return new NetworkConfigFacts(found.Where(i => i.InterfaceName != "lo").ToArray(), malformed, files);
        }

        private static IEnumerable<string> Files(ILinuxRoot root, string folder, Func<string, bool> accept, List<FileProblem> unlisted) =>
            root.List(folder).Noting(unlisted).Where(e => e.Kind == RootEntryKind.File && accept(e.Name)).Select(e => RootPath.Combine(folder, e.Name));

        private static void Parse(ILinuxRoot root, string path, ref int files, List<FileProblem> malformed, Func<string, string?> parse)
        {
            var text = TextFileDecoder.Decode(root.Read(path));
            if (text.Status == FactStatus.Absent)
            {
                return;
            }

            files++;
            var problem = text.IsPresent ? parse(text.Value!) : text.Problem;
            if (problem != null)
            {
                malformed.Add(new FileProblem(text.Path, problem));
            }
        }

        private static string Line(string path, int index, string line) => $"/{path} line {(index + 1).ToString(CultureInfo.InvariantCulture)}: {line.Trim()}";

        private static string? ReadIfupdown(string path, string text, List<InterfaceAddressing> found)
        {
            var lines = TextFileDecoder.Lines(text);
            for (var i = 0; i < lines.Count; i++)
            {
                var words = lines[i].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 4 && words[0] == "iface" && words[2] == "inet")
                {
                    if (words[3] == "static" || words[3] == "dhcp")
                    {
                        found.Add(new InterfaceAddressing(words[1], words[3] == "dhcp", Line(path, i, lines[i])));
                    }
                }
                else if (words.Length > 0 && words[0] == "iface" && words.Length < 4)
                {
                    return $"line {(i + 1).ToString(CultureInfo.InvariantCulture)}: 'iface' needs a name, a family and a method";
                }
            }

            return null;
        }

        private static string? ReadNetworkManager(string path, string text, List<InterfaceAddressing> found)
        {
            var ini = IniFile.Parse(text, out var problem, allowColon: false);
            if (ini is null)
            {
                return problem;
            }

            var method = ini.Find("ipv4", "method");
            if (method != null && (method.Value == "manual" || method.Value == "auto"))
            {
                var name = ini.Find("connection", "interface-name")?.Value ?? ini.Find("connection", "id")?.Value ?? RootPath.FileName(path);
                found.Add(new InterfaceAddressing(name, method.Value == "auto", method.Evidence("/" + path)));
            }

            return null;
        }

        private static string? ReadIfcfg(string path, string text, List<InterfaceAddressing> found)
        {
            var lines = TextFileDecoder.Lines(text);
            string? device = null;
            InterfaceAddressing? addressing = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    return $"line {(i + 1).ToString(CultureInfo.InvariantCulture)}: '{line}' is not a NAME=value line";
                }

                var key = line.Substring(0, eq).Trim();
                var value = line.Substring(eq + 1).Trim().Trim('"', '\'').ToLowerInvariant();
                if (key == "DEVICE")
                {
                    device = value;
                }
                else if (key == "BOOTPROTO" && (value == "static" || value == "none" || value == "dhcp"))
                {
                    addressing = new InterfaceAddressing(string.Empty, value == "dhcp", Line(path, i, lines[i]));
                }
            }

            if (addressing != null)
            {
                var name = device ?? RootPath.FileName(path).Substring("ifcfg-".Length);
                found.Add(new InterfaceAddressing(name, addressing.UsesDhcp, addressing.Evidence));
            }

            return null;
        }

        private static string? ReadNetworkd(string path, string text, List<InterfaceAddressing> found)
        {
            var unit = SystemdUnitFile.Parse(text, out var problem);
            if (unit is null)
            {
                return problem;
            }

            var name = unit.Assignments.LastOrDefault(a => a.Section == "Match" && a.Key == "Name")?.Value ?? RootPath.FileName(path);
            var dhcp = unit.Assignments.LastOrDefault(a => a.Section == "Network" && a.Key == "DHCP");
            var address = unit.Assignments.FirstOrDefault(a => (a.Section == "Network" && a.Key == "Address") || (a.Section == "Address" && a.Key == "Address"));
            var dhcp4 = dhcp != null && (dhcp.Value == "yes" || dhcp.Value == "ipv4" || dhcp.Value == "true" || dhcp.Value == "both");
            if (dhcp4)
            {
                found.Add(new InterfaceAddressing(name, true, dhcp!.Evidence("/" + path)));
            }
            else if (address != null)
            {
                found.Add(new InterfaceAddressing(name, false, address.Evidence("/" + path)));
            }

            return null;
        }
    }
}
