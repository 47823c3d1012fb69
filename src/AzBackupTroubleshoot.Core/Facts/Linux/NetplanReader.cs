namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// Reads the part of a netplan YAML file that says how interfaces get IPv4 addresses: under
    /// <c>network:</c> → <c>ethernets:</c>/<c>bonds:</c>/<c>bridges:</c>/<c>vlans:</c>/<c>wifis:</c> → <c>&lt;name&gt;:</c>, the keys
    /// <c>dhcp4</c> (true/yes/on) and <c>addresses</c>. Only block-style YAML is followed, which is what netplan files use; tabs in
    /// indentation make the file malformed, as YAML forbids them.
    /// </summary>
    internal static class NetplanReader
    {
        private static readonly HashSet<string> DeviceTypes = new HashSet<string>(StringComparer.Ordinal) { "ethernets", "bonds", "bridges", "vlans", "wifis" };

        public static string? Read(string path, string text, List<InterfaceAddressing> found)
        {
            var lines = TextFileDecoder.Lines(text);
            var stack = new List<(int Indent, string Key)>();
            var devices = new Dictionary<string, (string? Dhcp, string? DhcpEvidence, string? AddressEvidence)>(StringComparer.Ordinal);
            var order = new List<string>();
            for (var i = 0; i < lines.Count; i++)
            {
                var raw = lines[i];
                var content = StripComment(raw).TrimEnd();
                if (content.Trim().Length == 0)
                {
                    continue;
                }

                var indent = 0;
                while (indent < content.Length && content[indent] == ' ')
                {
                    indent++;
                }

                if (indent < content.Length && content[indent] == '\t')
                {
                    return $"line {(i + 1).ToString(CultureInfo.InvariantCulture)}: a tab in the indentation (YAML allows only spaces)";
                }

                var body = content.Substring(indent);
                if (body.StartsWith("- ", StringComparison.Ordinal) || body == "-")
                {
                    continue; // a list item belongs to the key above it
                }

                var colon = body.IndexOf(':');
                if (colon <= 0 || (colon + 1 < body.Length && body[colon + 1] != ' '))
                {
                    if (body == "---" || body == "...")
                    {
                        continue;
                    }

                    return $"line {(i + 1).ToString(CultureInfo.InvariantCulture)}: '{body}' is not a 'key: value' line";
                }

                while (stack.Count > 0 && stack[stack.Count - 1].Indent >= indent)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                var key = body.Substring(0, colon).Trim().Trim('"', '\'');
                var value = body.Substring(colon + 1).Trim().Trim('"', '\'');
                var evidence = $"{path} line {(i + 1).ToString(CultureInfo.InvariantCulture)}: {raw.Trim()}";
                if (stack.Count == 2 && stack[0].Key == "network" && DeviceTypes.Contains(stack[1].Key) && !devices.ContainsKey(key))
                {
                    devices[key] = (null, null, null);
                    order.Add(key);
                }
                else if (stack.Count == 3 && stack[0].Key == "network" && DeviceTypes.Contains(stack[1].Key))
                {
                    var device = stack[2].Key;
                    var state = devices[device];
                    if (key == "dhcp4")
                    {
                        devices[device] = (value.ToLowerInvariant(), evidence, state.AddressEvidence);
                    }
                    else if (key == "addresses" && value != "[]")
                    {
                        devices[device] = (state.Dhcp, state.DhcpEvidence, evidence);
                    }
                }

                stack.Add((indent, key));
            }

            foreach (var name in order)
            {
                var (dhcp, dhcpEvidence, addressEvidence) = devices[name];
                var dhcpOn = dhcp == "true" || dhcp == "yes" || dhcp == "on" || dhcp == "y";
                if (dhcpOn)
                {
                    found.Add(new InterfaceAddressing(name, true, dhcpEvidence!));
                }
                else if (addressEvidence != null)
                {
                    found.Add(new InterfaceAddressing(name, false, dhcpEvidence is null ? addressEvidence : dhcpEvidence + "; " + addressEvidence));
                }
            }

            return null;
        }

        private static string StripComment(string line)
        {
            var quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
                else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }
    }
}
