using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// One string per distinct short value of a document (regions, platforms, network features repeat thousands of
    /// times): the reader's current string is looked up by its UTF-8 bytes before a new string is made. One per read.
    /// </summary>
    internal sealed class Utf8StringCache
    {
        private const int MaxLength = 64;
        private const int MaxEntries = 4096;
        private readonly Dictionary<int, KeyValuePair<byte[], string>> _entries = new Dictionary<int, KeyValuePair<byte[], string>>();

        /// <summary>The string value the reader is on.</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            {
                return reader.GetString()!;
            }

            var bytes = reader.ValueSpan;
            var hash = unchecked((int)2166136261);
            foreach (var b in bytes)
            {
                hash = unchecked((hash ^ b) * 16777619);
            }

            if (_entries.TryGetValue(hash, out var entry) && bytes.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }

            var value = reader.GetString()!;
            if (_entries.Count < MaxEntries)
            {
                _entries[hash] = new KeyValuePair<byte[], string>(bytes.ToArray(), value);
            }

            return value;
        }
    }
}
