namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// An interface name checked for the platform whose route table it goes to. Linux: what the kernel's
    /// <c>dev_valid_name</c> accepts (1-15 bytes, not <c>.</c> or <c>..</c>, no <c>/</c>, <c>:</c> or white space),
    /// narrowed to printable ASCII without the characters <c>ip -batch</c> reads specially (<c>#</c> starts a comment,
    /// quotes and <c>\</c> group and escape). Windows: an interface alias of 1-256 characters without control characters
    /// (it is passed to MSFT_NetRoute as a method argument, never inside a query).
    /// </summary>
    public readonly struct InterfaceName : IEquatable<InterfaceName>
    {
        /// <summary>IFNAMSIZ - 1: the longest Linux interface name in bytes.</summary>
        public const int LinuxMaxLength = 15;

        /// <summary>The longest Windows interface alias (NDIS_IF_MAX_STRING_SIZE).</summary>
        public const int WindowsMaxLength = 256;

        private readonly string? _value;

        private InterfaceName(string value)
        {
            _value = value;
        }

        /// <summary>The name.</summary>
        public string Value => _value ?? string.Empty;

        /// <summary>Checks a Linux interface name.</summary>
        public static bool TryParseLinux(string? text, out InterfaceName name, out string reason)
        {
            name = default;
            if (string.IsNullOrEmpty(text))
            {
                reason = "it is empty";
                return false;
            }

            if (text == "." || text == "..")
            {
                reason = "'.' and '..' are not interface names";
                return false;
            }

            foreach (var c in text!)
            {
                if (c < 0x21 || c > 0x7e)
                {
                    reason = $"it holds {Describe(c)}; a Linux interface name is printable ASCII without spaces";
                    return false;
                }

                if (c == '/' || c == ':' || c == '#' || c == '"' || c == '\'' || c == '\\')
                {
                    reason = $"it holds '{c}', which the kernel or ip's batch input does not take in an interface name";
                    return false;
                }
            }

            if (text.Length > LinuxMaxLength)
            {
                reason = $"it is {text.Length.ToString(CultureInfo.InvariantCulture)} characters long; Linux interface names have at most {LinuxMaxLength.ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            name = new InterfaceName(text);
            reason = string.Empty;
            return true;
        }

        /// <summary>Checks a Windows interface alias.</summary>
        public static bool TryParseWindows(string? text, out InterfaceName name, out string reason)
        {
            name = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                reason = "it is empty";
                return false;
            }

            if (text!.Length > WindowsMaxLength)
            {
                reason = $"it is longer than {WindowsMaxLength.ToString(CultureInfo.InvariantCulture)} characters";
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    reason = $"it holds {Describe(c)}";
                    return false;
                }
            }

            name = new InterfaceName(text);
            reason = string.Empty;
            return true;
        }

        /// <inheritdoc />
        public bool Equals(InterfaceName other) => string.Equals(_value, other._value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is InterfaceName other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

        /// <inheritdoc />
        public override string ToString() => Value;

        private static string Describe(char c) =>
            c == '\n' ? "a line feed" : c == '\r' ? "a carriage return" : c == ' ' ? "a space" : c == '\t' ? "a tab"
            : $"the character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
    }
}
