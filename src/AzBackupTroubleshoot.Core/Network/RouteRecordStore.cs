using System.Runtime.InteropServices;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The module's record of the routes it added: one JSON file per route table (<see cref="RouteRecordScope.Key"/>) in
    /// a state folder, <c>/var/lib/AzBackupTroubleshoot/routes</c> on Linux and <c>%ProgramData%\AzBackupTroubleshoot\routes</c>
    /// on Windows, or <c>$AZBACKUPTROUBLESHOOT_STATE_DIR/routes</c> when that variable is set. Files are replaced
    /// atomically (<see cref="AtomicFile"/>) under a lock file, so two runs never lose each other's entries. A record of
    /// another generation (on Linux another boot: routes added with ip do not outlive a restart) is empty.
    /// </summary>
    public sealed class RouteRecordStore
    {
        /// <summary>The environment variable that moves the state folder.</summary>
        public const string StateFolderVariable = "AZBACKUPTROUBLESHOOT_STATE_DIR";

        /// <summary>The largest record file read (a record of every Service Tag block is about 0.5 MB).</summary>
        public const long MaxRecordBytes = 16 * 1024 * 1024;

        private const int FormatVersion = 1;

        /// <summary>Creates a store in <paramref name="folder"/> (the <c>routes</c> folder itself).</summary>
        public RouteRecordStore(string folder)
        {
            Folder = string.IsNullOrEmpty(folder) ? throw new ArgumentException("A folder is required.", nameof(folder)) : Path.GetFullPath(folder);
        }

        /// <summary>The folder of the record files.</summary>
        public string Folder { get; }

        /// <summary>The store in the default state folder (see the class remarks).</summary>
        public static RouteRecordStore Default()
        {
            var state = Environment.GetEnvironmentVariable(StateFolderVariable);
            if (string.IsNullOrEmpty(state))
            {
                state = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "AzBackupTroubleshoot")
                    : "/var/lib/AzBackupTroubleshoot";
            }

            return new RouteRecordStore(Path.Combine(state!, "routes"));
        }

        /// <summary>The record file of a table.</summary>
        public string PathOf(RouteRecordScope scope) => Path.Combine(Folder, (scope ?? throw new ArgumentNullException(nameof(scope))).Key + ".json");

        /// <summary>The entries of a table (empty when there is no record or it is of another generation).</summary>
        /// <exception cref="RouteTableException">The record exists but cannot be read (<see cref="RouteTableErrorKind.RecordUnreadable"/>).</exception>
        public IReadOnlyList<RecordedRoute> Load(RouteRecordScope scope) => Read(PathOf(scope), scope);

        /// <summary>
        /// Changes a table's record: <paramref name="change"/> gets the current entries and returns the new ones, which are
        /// written atomically. Holds the table's lock file meanwhile (waits up to 30 s for another run).
        /// </summary>
        /// <exception cref="RouteTableException">The record cannot be read or written.</exception>
        public IReadOnlyList<RecordedRoute> Update(RouteRecordScope scope, Func<IReadOnlyList<RecordedRoute>, IEnumerable<RecordedRoute>> change)
        {
            if (change is null)
            {
                throw new ArgumentNullException(nameof(change));
            }

            var path = PathOf(scope);
            try
            {
                Directory.CreateDirectory(Folder);
                using (Lock(path + ".lock"))
                {
                    var updated = change(Read(path, scope)).ToList();
                    AtomicFile.Write(path, stream => Write(stream, scope, updated));
                    return updated;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RouteTableException(RouteTableErrorKind.RecordUnwritable, $"The module's route record '{path}' could not be written: {ex.Message}", ex);
            }
        }

        private static IReadOnlyList<RecordedRoute> Read(string path, RouteRecordScope scope)
        {
            byte[] bytes;
            try
            {
                if (FileNode.GetKind(path, followLinks: false) == FileNodeKind.None)
                {
                    return Array.Empty<RecordedRoute>();
                }

                // Only a regular file, never through a link, and never blocking (a FIFO at this path is an error, not a hang).
                using (var stream = RegularFile.OpenRead(path, followLinks: false))
                {
                    if (stream.Length > MaxRecordBytes)
                    {
                        throw new RouteTableException(RouteTableErrorKind.RecordUnreadable, $"The module's route record '{path}' is larger than {MaxRecordBytes.ToString(CultureInfo.InvariantCulture)} bytes; it was not read.");
                    }

                    bytes = new byte[stream.Length];
                    var read = 0;
                    while (read < bytes.Length)
                    {
                        var n = stream.Read(bytes, read, bytes.Length - read);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RouteTableException(RouteTableErrorKind.RecordUnreadable, $"The module's route record '{path}' could not be read: {ex.Message}", ex);
            }

            try
            {
                using (var document = JsonDocument.Parse(bytes))
                {
                    var root = document.RootElement;
                    var generation = root.TryGetProperty("generation", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
                    if (!string.Equals(generation ?? string.Empty, scope.Generation ?? string.Empty, StringComparison.Ordinal))
                    {
                        return Array.Empty<RecordedRoute>();
                    }

                    var result = new List<RecordedRoute>();
                    foreach (var item in root.GetProperty("routes").EnumerateArray())
                    {
                        var destination = IpPrefix.Parse(item.GetProperty("destination").GetString() ?? string.Empty);
                        long? metric = item.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : (long?)null;
                        var added = item.TryGetProperty("added", out var a) && a.ValueKind == JsonValueKind.String && a.TryGetDateTime(out var when) ? when.ToUniversalTime() : DateTime.MinValue;
                        result.Add(new RecordedRoute(destination, String(item, "nextHop"), String(item, "interface"), String(item, "table") ?? string.Empty, metric, String(item, "marker") ?? string.Empty, added));
                    }

                    return result;
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is KeyNotFoundException)
            {
                throw new RouteTableException(RouteTableErrorKind.RecordUnreadable, $"The module's route record '{path}' is not a valid record: {ex.Message}", ex);
            }
        }

        private static void Write(Stream stream, RouteRecordScope scope, IReadOnlyList<RecordedRoute> routes)
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteString("table", scope.Description);
                if (scope.Generation != null)
                {
                    writer.WriteString("generation", scope.Generation);
                }

                writer.WriteStartArray("routes");
                foreach (var route in routes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("destination", route.Destination.ToString());
                    WriteOptional(writer, "nextHop", route.NextHop);
                    WriteOptional(writer, "interface", route.Interface);
                    writer.WriteString("table", route.Table);
                    if (route.Metric.HasValue)
                    {
                        writer.WriteNumber("metric", route.Metric.Value);
                    }

                    writer.WriteString("marker", route.Marker);
                    writer.WriteString("added", route.AddedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        private static string? String(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>Opens the lock file exclusively, retrying for up to 30 s while another run holds it.</summary>
        private static FileStream Lock(string path)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (attempt < 300)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }
}
