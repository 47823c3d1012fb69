namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Which record file a route table's entries go to, and what the entries say about the table.</summary>
    public sealed class RouteRecordScope
    {
        /// <summary>Creates a scope. <paramref name="key"/> is reduced to letters, digits, '.', '-' and '_' (it names a file).</summary>
        public RouteRecordScope(string key, string description, string table, string marker, string? generation)
        {
            var safe = new string((key ?? string.Empty).Select(c => char.IsLetterOrDigit(c) && c < 0x80 || c == '.' || c == '-' || c == '_' ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('.');
            Key = safe.Length == 0 ? "routes" : safe;
            Description = description ?? string.Empty;
            Table = table ?? string.Empty;
            Marker = marker ?? string.Empty;
            Generation = string.IsNullOrEmpty(generation) ? null : generation;
        }

        /// <summary>The record file's name without <c>.json</c>.</summary>
        public string Key { get; }

        /// <summary>The table, for people reading the file.</summary>
        public string Description { get; }

        /// <summary>The table name written in each entry.</summary>
        public string Table { get; }

        /// <summary>The marker written in each entry.</summary>
        public string Marker { get; }

        /// <summary>The generation of the table's routes (the Linux boot id), or null when routes may outlive a restart.</summary>
        public string? Generation { get; }
    }
}
