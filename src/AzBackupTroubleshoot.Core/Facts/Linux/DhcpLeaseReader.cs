using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>DHCP option 245 (the WireServer address) as one lease file gives it.</summary>
    public sealed class DhcpOption245
    {
        internal DhcpOption245(string address, string evidence)
        {
            Address = address;
            Evidence = evidence;
        }

        /// <summary>The decoded IPv4 address.</summary>
        public string Address { get; }

        /// <summary>The file and line.</summary>
        public string Evidence { get; }
    }

    /// <summary>What the root says about the WireServer address.</summary>
    public sealed class DhcpFacts
    {
        /// <summary>The address the agent falls back to when DHCP does not give one.</summary>
        public const string DefaultWireServer = "168.63.129.16";

        internal DhcpFacts(IReadOnlyList<string> leaseFiles, IReadOnlyList<DhcpOption245> option245, IReadOnlyList<FileProblem> malformedFiles, IReadOnlyList<string> badValues, FileFact<string> endpointFile)
        {
            LeaseFiles = leaseFiles;
            Option245 = option245;
            MalformedFiles = malformedFiles;
            BadValues = badValues;
            EndpointFile = endpointFile;
        }

        /// <summary>The lease files found.</summary>
        public IReadOnlyList<string> LeaseFiles { get; }

        /// <summary>Option 245 values found, one per lease file that has it.</summary>
        public IReadOnlyList<DhcpOption245> Option245 { get; }

        /// <summary>Lease files that could not be read as text, and lease folders that could not be listed.</summary>
        public IReadOnlyList<FileProblem> MalformedFiles { get; }

        /// <summary>Option 245 lines whose value is not a 4-byte address (file, line and text).</summary>
        public IReadOnlyList<string> BadValues { get; }

        /// <summary><c>&lt;Lib.Dir&gt;/WireServerEndpoint</c>, where the agent saves the address it found (value: the address).</summary>
        public FileFact<string> EndpointFile { get; }

        /// <summary>The WireServer address to probe: the agent's saved one, else option 245, else 168.63.129.16.</summary>
        public string WireServer => EndpointFile.Value ?? Option245.LastOrDefault()?.Address ?? DefaultWireServer;
    }

    /// <summary>
    /// Reads DHCP option 245 from dhclient leases (<c>var/lib/dhcp/*.leases</c>, <c>var/lib/dhclient/*.lease*</c>,
    /// NetworkManager's dhclient leases) as <c>option unknown-245 a8:3f:81:10;</c> or an octal-escaped string, and from
    /// systemd-networkd leases (<c>run/systemd/netif/leases/*</c>) as <c>OPTION_245=A83F8110</c>; and the agent's
    /// <c>WireServerEndpoint</c> file.
    /// </summary>
    public sealed class DhcpLeaseReader
    {
        private static readonly Regex DhclientOption = new Regex(@"^\s*option\s+unknown-245\s+(?<value>[^;]+);", RegexOptions.CultureInvariant);
        private static readonly Regex NetworkdOption = new Regex(@"^OPTION_245=(?<value>\S*)\s*$", RegexOptions.CultureInvariant);

        /// <summary>The lease folders and the file-name pattern looked for in each.</summary>
        public static readonly IReadOnlyList<(string Folder, Regex Name, bool Networkd)> LeaseLocations = new[]
        {
            ("var/lib/dhcp", new Regex(@"\.leases?$", RegexOptions.CultureInvariant), false),
            ("var/lib/dhclient", new Regex(@"\.lease", RegexOptions.CultureInvariant), false),
            ("var/lib/NetworkManager", new Regex(@"^dhclient.*\.lease$", RegexOptions.CultureInvariant), false),
            ("run/systemd/netif/leases", new Regex(@".", RegexOptions.CultureInvariant), true),
        };

        /// <summary>Reads the leases and the endpoint file.</summary>
        public DhcpFacts Read(ILinuxRoot root, string libDir)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var files = new List<string>();
            var options = new List<DhcpOption245>();
            var malformed = new List<FileProblem>();
            var badValues = new List<string>();
            foreach (var (folder, name, networkd) in LeaseLocations)
            {
                foreach (var entry in root.List(folder).Noting(malformed).Where(e => e.Kind == RootEntryKind.File && name.IsMatch(e.Name)))
                {
                    var text = TextFileDecoder.Decode(root.Read(RootPath.Combine(folder, entry.Name)));
                    files.Add(text.Path);
                    if (!text.IsPresent)
                    {
                        malformed.Add(new FileProblem(text.Path, text.Problem!));
                        continue;
                    }

                    DhcpOption245? last = null;
                    var lines = TextFileDecoder.Lines(text.Value!);
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var match = (networkd ? NetworkdOption : DhclientOption).Match(lines[i]);
                        if (!match.Success)
                        {
                            continue;
                        }

                        var evidence = $"{text.Path} line {(i + 1).ToString(CultureInfo.InvariantCulture)}: {lines[i].Trim()}";
                        var address = networkd ? DecodeHex(match.Groups["value"].Value) : DecodeDhclient(match.Groups["value"].Value.Trim());
                        if (address is null)
                        {
                            badValues.Add($"{evidence} (not a 4-byte address)");
                        }
                        else
                        {
                            last = new DhcpOption245(address, evidence + $" => {address}");
                        }
                    }

                    if (last != null)
                    {
                        options.Add(last);
                    }
                }
            }

            return new DhcpFacts(files, options, malformed, badValues, ReadEndpointFile(root, libDir));
        }

        /// <summary>Decodes dhclient's forms: <c>a8:3f:81:10</c> (hex bytes, leading zeros dropped) or <c>"\250?\201\020"</c>.</summary>
        public static string? DecodeDhclient(string value)
        {
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
            {
                var bytes = new List<byte>();
                var inner = value.Substring(1, value.Length - 2);
                for (var i = 0; i < inner.Length; i++)
                {
                    if (inner[i] == '\\' && IsOctal(inner, i + 1))
                    {
                        bytes.Add((byte)Convert.ToInt32(inner.Substring(i + 1, 3), 8));
                        i += 3;
                    }
                    else if (inner[i] == '\\' && i + 1 < inner.Length)
                    {
                        bytes.Add((byte)inner[++i]);
                    }
                    else if (inner[i] < 0x80)
                    {
                        bytes.Add((byte)inner[i]);
                    }
                    else
                    {
                        return null;
                    }
                }

                return bytes.Count == 4 ? new IPAddress(bytes.ToArray()).ToString() : null;
            }

            var parts = value.Split(':');
            if (parts.Length != 4)
            {
                return null;
            }

            var result = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                if (parts[i].Length is < 1 or > 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result[i]))
                {
                    return null;
                }
            }

            return new IPAddress(result).ToString();
        }

        /// <summary>Decodes networkd's form: eight hex digits.</summary>
        public static string? DecodeHex(string value)
        {
            if (value.Length != 8)
            {
                return null;
            }

            var result = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                if (!byte.TryParse(value.Substring(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result[i]))
                {
                    return null;
                }
            }

            return new IPAddress(result).ToString();
        }

        private static bool IsOctal(string text, int start) =>
            start + 3 <= text.Length && text.Skip(start).Take(3).All(c => c >= '0' && c <= '7');

        private static FileFact<string> ReadEndpointFile(ILinuxRoot root, string libDir)
        {
            var text = TextFileDecoder.Decode(root.Read(RootPath.Combine(libDir, "WireServerEndpoint")));
            if (!text.IsPresent)
            {
                return text;
            }

            var value = text.Value!.Trim();
            return IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') == 3
                ? FileFact<string>.Present(text.Path, address.ToString())
                : FileFact<string>.Malformed(text.Path, $"'{Shorten(value)}' is not an IPv4 address");
        }

        private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
    }
}
