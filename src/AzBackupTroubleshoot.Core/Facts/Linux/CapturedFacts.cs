using System.Text.Json;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// The facts a Linux bundle records that no file in a root holds: the space figures of the mounted file systems
    /// (statvfs, live only), the name <c>/usr/bin/python3</c> links to (a zip cannot hold the link) and, from format 3, what
    /// running the agent's python gave (<see cref="AgentPython"/>). Written by Save-AzBackupAgentLog as
    /// <see cref="EntryName"/> at the bundle's top; a bundle without it was written by an older version (format 1), a
    /// folder without it is a plain offline root.
    /// </summary>
    public sealed class CapturedFacts
    {
        /// <summary>The file's name at the top of a bundle or root.</summary>
        public const string EntryName = "AzBackupTroubleshoot.facts.json";

        /// <summary>The bundle format this module writes (1: bundles before the captured facts; 2: with them; 3: with the agent's python run).</summary>
        public const int CurrentFormatVersion = 3;

        /// <summary>The results file every bundle holds (see BundleZipWriter.ResultsEntry): it marks a bundle, of any version.</summary>
        public const string ResultsEntryName = "AzBackupTroubleshoot.results.json";

        /// <summary>Creates captured facts.</summary>
        public CapturedFacts(IReadOnlyList<FilesystemUsage> filesystems, string? python3Link, AgentPythonFacts? agentPython = null, int formatVersion = CurrentFormatVersion)
        {
            Filesystems = filesystems ?? throw new ArgumentNullException(nameof(filesystems));
            Python3Link = python3Link;
            AgentPython = agentPython;
            FormatVersion = formatVersion;
        }

        /// <summary>The format the file was written in (2 or 3).</summary>
        public int FormatVersion { get; }

        /// <summary>What running the agent's python gave when the bundle was written, or why it was not run; null before format 3.</summary>
        public AgentPythonFacts? AgentPython { get; }

        /// <summary>The space figures of the mounted file systems.</summary>
        public IReadOnlyList<FilesystemUsage> Filesystems { get; }

        /// <summary>What <c>/usr/bin/python3</c> linked to (for example <c>python3.12</c>), or null.</summary>
        public string? Python3Link { get; }

        /// <summary>Writes the file (UTF-8 JSON).</summary>
        public byte[] ToJson()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("formatVersion", CurrentFormatVersion);
                writer.WriteStartArray("filesystems");
                foreach (var fs in Filesystems)
                {
                    writer.WriteStartObject();
                    writer.WriteString("mountPoint", fs.MountPoint);
                    if (fs.Problem != null)
                    {
                        writer.WriteString("problem", fs.Problem);
                    }
                    else
                    {
                        writer.WriteNumber("sizeBytes", fs.SizeBytes);
                        writer.WriteNumber("freeBytes", fs.FreeBytes);
                        writer.WriteNumber("availableBytes", fs.AvailableBytes);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (Python3Link != null)
                {
                    writer.WriteString("python3Link", Python3Link);
                }

                if (AgentPython != null)
                {
                    AgentPythonRecord.Write(writer, AgentPython);
                }

                writer.WriteEndObject();
            }

            return stream.ToArray();
        }

        /// <summary>Parses the file; on failure <paramref name="problem"/> names the field and the result is null.</summary>
        public static CapturedFacts? Parse(string text, out string? problem)
        {
            try
            {
                using var document = JsonDocument.Parse(text ?? throw new ArgumentNullException(nameof(text)), new JsonDocumentOptions { MaxDepth = 8 });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    problem = "is not a JSON object";
                    return null;
                }

                if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 2)
                {
                    problem = "formatVersion is missing or not an integer of at least 2";
                    return null;
                }

                if (number > CurrentFormatVersion)
                {
                    problem = $"formatVersion {number} is newer than this module reads ({CurrentFormatVersion})";
                    return null;
                }

                var filesystems = new List<FilesystemUsage>();
                if (root.TryGetProperty("filesystems", out var list))
                {
                    if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MountTable.MaxEntries)
                    {
                        problem = $"filesystems is not an array of at most {MountTable.MaxEntries} entries";
                        return null;
                    }

                    var index = 0;
                    foreach (var item in list.EnumerateArray())
                    {
                        var usage = ParseUsage(item, out problem);
                        if (usage is null)
                        {
                            problem = $"filesystems[{index}]: {problem}";
                            return null;
                        }

                        filesystems.Add(usage);
                        index++;
                    }
                }

                string? python = null;
                if (root.TryGetProperty("python3Link", out var link))
                {
                    if (link.ValueKind != JsonValueKind.String)
                    {
                        problem = "python3Link is not a string";
                        return null;
                    }

                    python = link.GetString();
                }

                AgentPythonFacts? agentPython = null;
                if (root.TryGetProperty(AgentPythonRecord.PropertyName, out var run))
                {
                    if (number < 3)
                    {
                        problem = $"{AgentPythonRecord.PropertyName} is not part of bundle format {number}";
                        return null;
                    }

                    agentPython = AgentPythonRecord.Read(run, out problem);
                    if (agentPython is null)
                    {
                        return null;
                    }
                }

                problem = null;
                return new CapturedFacts(filesystems, python, agentPython, number);
            }
            catch (JsonException ex)
            {
                problem = "is not valid JSON: " + ex.Message;
                return null;
            }
        }

        private static FilesystemUsage? ParseUsage(JsonElement item, out string? problem)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("mountPoint", out var mp) || mp.ValueKind != JsonValueKind.String || !(mp.GetString() ?? string.Empty).StartsWith("/", StringComparison.Ordinal))
            {
                problem = "mountPoint is missing or not an absolute path";
                return null;
            }

            var mountPoint = mp.GetString()!;
            if (item.TryGetProperty("problem", out var failed))
            {
                problem = failed.ValueKind == JsonValueKind.String ? null : "problem is not a string";
                return problem is null ? FilesystemUsage.Failed(mountPoint, failed.GetString()!) : null;
            }

            var figures = new[] { "sizeBytes", "freeBytes", "availableBytes" }.Select(name => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0 ? n : -1).ToArray();
            if (figures.Any(f => f < 0) || figures[1] > figures[0] || figures[2] > figures[1])
            {
                problem = "sizeBytes, freeBytes and availableBytes must be whole numbers with available <= free <= size";
                return null;
            }

            problem = null;
            return FilesystemUsage.Measured(mountPoint, figures[0], figures[1], figures[2]);
        }
    }
}
