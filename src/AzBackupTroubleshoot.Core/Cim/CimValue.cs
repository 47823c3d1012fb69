using System.Collections;

namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// Reads CIM property and method values whatever form they arrive in: the real gateway hands out the CIM types
    /// (UInt16, UInt32, UInt64, DateTime), a capture hands out JSON-shaped values (Int64, ISO 8601 or DMTF strings).
    /// </summary>
    public static class CimValue
    {
        /// <summary>An integer value, or null when absent or not an integer.</summary>
        public static long? ToInt64(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case byte b:
                    return b;
                case sbyte sb:
                    return sb;
                case short s:
                    return s;
                case ushort us:
                    return us;
                case int i:
                    return i;
                case uint ui:
                    return ui;
                case long l:
                    return l;
                case ulong ul:
                    return ul <= long.MaxValue ? (long)ul : (long?)null;
                case string text:
                    return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
                default:
                    return null;
            }
        }

        /// <summary>An unsigned 64-bit value (memory sizes, REG_QWORD), or null.</summary>
        public static ulong? ToUInt64(object? value)
        {
            if (value is ulong ul)
            {
                return ul;
            }

            if (value is string text && ulong.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            var signed = ToInt64(value);
            return signed.HasValue && signed.Value >= 0 ? (ulong)signed.Value : (ulong?)null;
        }

        /// <summary>A boolean value, or null.</summary>
        public static bool? ToBoolean(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case bool b:
                    return b;
                case string text when bool.TryParse(text.Trim(), out var parsed):
                    return parsed;
                default:
                    var number = ToInt64(value);
                    return number.HasValue ? number.Value != 0 : (bool?)null;
            }
        }

        /// <summary>A string array (IPAddress, sNames), or null. A single string becomes a one-element array.</summary>
        public static IReadOnlyList<string>? ToStringArray(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string single:
                    return new[] { single };
                case IEnumerable items:
                    var list = new List<string>();
                    foreach (var item in items)
                    {
                        if (item != null)
                        {
                            list.Add(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
                        }
                    }

                    return list;
                default:
                    return new[] { Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty };
            }
        }

        /// <summary>An integer array (EnumValues Types, ChassisTypes), or null.</summary>
        public static IReadOnlyList<long>? ToInt64Array(object? value)
        {
            if (value is null || value is string)
            {
                return null;
            }

            if (!(value is IEnumerable items))
            {
                return null;
            }

            var list = new List<long>();
            foreach (var item in items)
            {
                var number = ToInt64(item);
                if (number.HasValue)
                {
                    list.Add(number.Value);
                }
            }

            return list;
        }

        /// <summary>
        /// A point in time as UTC: a DateTime (real gateway), a DateTimeOffset, an ISO 8601 string (capture) or a DMTF
        /// datetime string (<c>yyyyMMddHHmmss.ffffff+UUU</c>, UUU = minutes from UTC). Null when absent or unparseable.
        /// </summary>
        public static DateTimeOffset? ToDateTime(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case DateTimeOffset dto:
                    return dto.ToUniversalTime();
                case DateTime dt:
                    return new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime());
                case string text:
                    return ParseDmtf(text) ?? ParseIso(text);
                default:
                    return null;
            }
        }

        /// <summary>Formats a time as a DMTF datetime for a WQL condition (UTC, offset +000).</summary>
        public static string ToDmtf(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture) + "+000";

        private static DateTimeOffset? ParseIso(string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;

        private static DateTimeOffset? ParseDmtf(string text)
        {
            // 20240102030405.123456+060 : 14 digits, '.', 6 digits, sign, 3 digits.
            if (text.Length != 25 || text[14] != '.' || (text[21] != '+' && text[21] != '-'))
            {
                return null;
            }

            if (!DateTime.TryParseExact(text.Substring(0, 21), "yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ||
                !int.TryParse(text.Substring(22, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
                minutes > 14 * 60)
            {
                return null;
            }

            var offset = TimeSpan.FromMinutes(text[21] == '-' ? -minutes : minutes);
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
    }
}
