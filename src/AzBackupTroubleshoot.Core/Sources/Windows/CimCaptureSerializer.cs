using System.Collections;
using System.Text.Json;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Registry;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Reads and writes captures as JSON (format versions 1 and 2, described in docs/design/capture-format.md; a capture is written in its own version). Reading checks every
    /// field and names the first wrong one; writing goes to a temporary file first so a failed save leaves nothing half-written.
    /// </summary>
    public static class CimCaptureSerializer
    {
        /// <summary>Reads a capture file: a regular file (never a FIFO or device) of at most <see cref="CaptureLimits.MaxBytes"/>.</summary>
        /// <exception cref="CaptureFormatException">The file cannot be read, is too large, or is not a valid capture.</exception>
        public static CimCapture Load(string path)
        {
            byte[] json;
            try
            {
                using var stream = RegularFile.OpenRead(path ?? throw new ArgumentNullException(nameof(path)));
                if (stream.Length > CaptureLimits.MaxBytes)
                {
                    throw new CaptureFormatException(CaptureFormatException.CaptureTooLarge, path, null,
                        $"the file is {stream.Length} bytes, more than the {CaptureLimits.MaxBytes} a capture may have (CaptureLimits.MaxBytes); it is refused rather than read.");
                }

                json = StreamLimit.ReadAll(stream, CaptureLimits.MaxBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureUnreadable, path, null, ex.Message, ex);
            }

            return Parse(json, path);
        }

        /// <summary>Parses capture JSON (UTF-8 bytes, no copy into a string); <paramref name="source"/> names it in errors.</summary>
        /// <exception cref="CaptureFormatException">The bytes are not a valid capture.</exception>
        internal static CimCapture Parse(byte[] json, string source)
        {
            JsonDocument document;
            try
            {
                var start = json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? 3 : 0;
                document = JsonDocument.Parse(new ReadOnlyMemory<byte>(json, start, json.Length - start), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureInvalidJson, source, null, "not valid JSON: " + ex.Message, ex);
            }

            using (document)
            {
                return new CimCaptureJsonReader(source).ReadRoot(document.RootElement);
            }
        }

        /// <summary>Parses capture JSON; <paramref name="source"/> names it in errors.</summary>
        /// <exception cref="CaptureFormatException">The text is not a valid capture.</exception>
        public static CimCapture Parse(string json, string source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json ?? string.Empty, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new CaptureFormatException(CaptureFormatException.CaptureInvalidJson, source, null, "not valid JSON: " + ex.Message, ex);
            }

            using (document)
            {
                return new CimCaptureJsonReader(source).ReadRoot(document.RootElement);
            }
        }

        /// <summary>Writes a capture as indented JSON.</summary>
        public static string Serialize(CimCapture capture)
        {
            if (capture is null)
            {
                throw new ArgumentNullException(nameof(capture));
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                Write(writer, capture);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>Saves a capture: written to a temporary file beside <paramref name="path"/>, then moved into place.</summary>
        public static void Save(CimCapture capture, string path)
        {
            var bytes = new UTF8Encoding(false).GetBytes(Serialize(capture));
            AtomicFile.Write(path ?? throw new ArgumentNullException(nameof(path)), stream => stream.Write(bytes, 0, bytes.Length));
        }

        private static void Write(Utf8JsonWriter writer, CimCapture capture)
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", capture.FormatVersion);
            writer.WriteString("computerName", capture.ComputerName);
            writer.WriteString("capturedUtc", capture.CapturedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
            if (capture.Description != null)
            {
                writer.WriteString("description", capture.Description);
            }

            if (capture.Instances != null)
            {
                writer.WriteStartObject("instances");
                foreach (var pair in capture.Instances)
                {
                    writer.WriteStartArray(pair.Key);
                    foreach (var instance in pair.Value)
                    {
                        writer.WriteStartObject();
                        foreach (var property in instance.Properties)
                        {
                            writer.WritePropertyName(property.Key);
                            WriteValue(writer, property.Value);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            if (capture.Registry != null)
            {
                writer.WriteStartArray("registry");
                foreach (var key in capture.Registry)
                {
                    writer.WriteStartObject();
                    writer.WriteString("hive", RegistryHiveNames.ShortName(key.Hive));
                    writer.WriteString("key", key.Key);
                    writer.WriteStartArray("values");
                    foreach (var value in key.Values)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", value.Name);
                        writer.WriteString("kind", value.Type.ToString());
                        writer.WritePropertyName("data");
                        if (value.Type == RegistryValueType.Binary)
                        {
                            writer.WriteStringValue(Convert.ToBase64String((byte[])value.Data));
                        }
                        else
                        {
                            WriteValue(writer, value.Data);
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (capture.Files != null)
            {
                writer.WriteStartArray("files");
                foreach (var file in capture.Files)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", file.Path);
                    writer.WriteString("type", file.IsDirectory ? "Directory" : "File");
                    if (file.Size.HasValue)
                    {
                        writer.WriteNumber("size", file.Size.Value);
                    }

                    if (file.LastModifiedUtc.HasValue)
                    {
                        writer.WriteString("lastModifiedUtc", file.LastModifiedUtc.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
                    }

                    if (file.Version != null)
                    {
                        writer.WriteString("version", file.Version);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (capture.Commands != null)
            {
                writer.WriteStartObject("commands");
                foreach (var pair in capture.Commands)
                {
                    writer.WriteStartObject(pair.Key);
                    if (pair.Value.NotRunReason != null)
                    {
                        writer.WriteString("notRun", pair.Value.NotRunReason);
                    }
                    else
                    {
                        writer.WriteNumber("exitCode", pair.Value.ExitCode);
                        writer.WriteString("output", pair.Value.Output);
                        writer.WriteString("error", pair.Value.Error);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            if (capture.FolderSecurity != null)
            {
                WriteFolderSecurity(writer, capture.FolderSecurity);
            }

            writer.WriteEndObject();
        }

        private static void WriteFolderSecurity(Utf8JsonWriter writer, CapturedFolderSecurity section)
        {
            writer.WritePropertyName("folderSecurity");
            if (section.RawJson != null)
            {
                writer.WriteRawValue(section.RawJson, skipInputValidation: false);
                return;
            }

            writer.WriteStartObject();
            foreach (var pair in section.Folders)
            {
                writer.WritePropertyName(pair.Key);
                var record = pair.Value;
                if (record.RawJson != null)
                {
                    writer.WriteRawValue(record.RawJson, skipInputValidation: false);
                    continue;
                }

                writer.WriteStartObject();
                if (record.NotRunReason != null)
                {
                    writer.WriteString("notRun", record.NotRunReason);
                }
                else if (record.Sddl != null)
                {
                    writer.WriteString("sddl", record.Sddl);
                }
                else
                {
                    writer.WriteBoolean("absent", true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case DateTime _:
                case DateTimeOffset _:
                    writer.WriteStringValue(CimValue.ToDateTime(value)!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
                    break;
                case ulong ul:
                    writer.WriteNumberValue(ul);
                    break;
                case float _:
                case double _:
                case decimal _:
                    writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        WriteValue(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    var number = CimValue.ToInt64(value);
                    if (number.HasValue && !(value is string))
                    {
                        writer.WriteNumberValue(number.Value);
                    }
                    else
                    {
                        // Embedded instances, TimeSpans and other shapes are kept as text.
                        writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }
    }
}
