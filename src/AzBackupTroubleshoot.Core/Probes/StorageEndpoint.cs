using System.Net;
using System.Net.Sockets;

namespace AzBackupTroubleshoot.Core.Probes
{
    /// <summary>
    /// A storage endpoint to probe (host and port), given by the user. Typed at the boundary: the host is a DNS name
    /// (RFC 1123 labels of letters, digits and hyphens, at most 253 characters) or an IPv4/IPv6 literal, the port is 1 to
    /// 65535; anything else is refused before a probe is built.
    /// </summary>
    public sealed class StorageEndpoint
    {
        /// <summary>Creates an endpoint.</summary>
        /// <exception cref="ArgumentException">The host is not a DNS name or IP literal.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The port is not 1 to 65535.</exception>
        public StorageEndpoint(string host, int port = 443)
        {
            if (host is null)
            {
                throw new ArgumentNullException(nameof(host));
            }

            var problem = HostProblem(host);
            if (problem != null)
            {
                throw new ArgumentException(problem, nameof(host));
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 1 to 65535.");
            }

            Host = host.Length > 1 && host[0] == '[' ? host.Substring(1, host.Length - 2) : host;
            Port = port;
        }

        /// <summary>The host (for example <c>mystorage.blob.core.windows.net</c>), an IPv6 literal without brackets.</summary>
        public string Host { get; }

        /// <summary>The port: 443, or 8443 for managed disks.</summary>
        public int Port { get; }

        /// <summary>
        /// Reads <c>host</c>, <c>host:port</c>, <c>[ipv6]</c>, <c>[ipv6]:port</c> or a bare IPv6 literal (no port then).
        /// The port defaults to 443.
        /// </summary>
        /// <exception cref="FormatException">The text is not such an endpoint; the message names the input and the rule.</exception>
        public static StorageEndpoint Parse(string text)
        {
            var shown = Printable(text ?? string.Empty);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("A storage endpoint is empty.");
            }

            var value = text!.Trim();
            string host = value;
            string? portText = null;
            if (value[0] == '[')
            {
                var close = value.IndexOf(']');
                if (close < 0)
                {
                    throw new FormatException($"'{shown}' is not a storage endpoint: '[' without ']'.");
                }

                host = value.Substring(0, close + 1);
                var rest = value.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':')
                    {
                        throw new FormatException($"'{shown}' is not a storage endpoint: expected ':port' after ']'.");
                    }

                    portText = rest.Substring(1);
                }
            }
            else if (value.IndexOf(':') == value.LastIndexOf(':') && value.IndexOf(':') >= 0)
            {
                var colon = value.IndexOf(':');
                host = value.Substring(0, colon);
                portText = value.Substring(colon + 1);
            }

            var problem = HostProblem(host);
            if (problem != null)
            {
                throw new FormatException($"'{shown}' is not a storage endpoint: {problem}");
            }

            var port = 443;
            if (portText != null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
            {
                throw new FormatException($"'{shown}' is not a storage endpoint: the port '{Printable(portText)}' is not a number from 1 to 65535.");
            }

            return new StorageEndpoint(host, port);
        }

        /// <inheritdoc />
        public override string ToString() => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

        private static string? HostProblem(string host)
        {
            if (host.Length > 2 && host[0] == '[' && host[host.Length - 1] == ']')
            {
                return IPAddress.TryParse(host.Substring(1, host.Length - 2), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                    ? null
                    : $"'{Printable(host)}' is not an IPv6 address.";
            }

            if (host.IndexOf(':') >= 0)
            {
                return IPAddress.TryParse(host, out var bare) && bare.AddressFamily == AddressFamily.InterNetworkV6 && host.IndexOf('%') < 0
                    ? null
                    : $"'{Printable(host)}' is not an IPv6 address.";
            }

            if (IsIPv4(host))
            {
                return null;
            }

            var name = host.EndsWith(".", StringComparison.Ordinal) ? host.Substring(0, host.Length - 1) : host;
            if (name.Length == 0 || name.Length > 253)
            {
                return $"the host name '{Printable(host)}' must have 1-253 characters.";
            }

            foreach (var label in name.Split('.'))
            {
                if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-')
                {
                    return $"the host name '{Printable(host)}' is not a DNS name (labels of 1-63 letters, digits or hyphens, not starting or ending with a hyphen).";
                }

                foreach (var c in label)
                {
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                    {
                        return $"the host name '{Printable(host)}' is not a DNS name: {Describe(c)} is not a letter, digit or hyphen.";
                    }
                }
            }

            // All-numeric dotted names (999.1.1.1) are neither a valid IPv4 address nor a usable DNS name.
            return name.Split('.')[name.Split('.').Length - 1].Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length == 0
                ? $"'{Printable(host)}' is not a valid IPv4 address."
                : null;
        }

        private static bool IsIPv4(string host)
        {
            var parts = host.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Describe(char c) =>
            c > ' ' && c < 0x7F ? "'" + c + "'" : "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private static string Printable(string text)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in text.Length > 200 ? text.Substring(0, 200) : text)
            {
                builder.Append(char.IsControl(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
            }

            return builder.ToString();
        }
    }
}
