using System.Text.Json;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Reads the <c>folderSecurity</c> section. Its shape is checked here, but a wrong shape does not refuse the capture:
    /// the section (or entry) is kept with its problem and <c>Windows.FolderPermissions</c> reports Error naming it.
    /// </summary>
    internal sealed class CaptureFolderSecurityJsonReader
    {
        private readonly CaptureJsonFields _fields;

        public CaptureFolderSecurityJsonReader(CaptureJsonFields fields)
        {
            _fields = fields;
        }

        public CapturedFolderSecurity Read(JsonElement element, int formatVersion)
        {
            if (formatVersion < CimCapture.FolderSecurityFormatVersion)
            {
                throw _fields.Invalid("folderSecurity", $"the section exists from format version {CimCapture.FolderSecurityFormatVersion}; this capture says {formatVersion}.");
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return CapturedFolderSecurity.Invalid($"{_fields.Source}: folderSecurity must be an object whose properties are folder paths.", element.GetRawText());
            }

            var folders = new Dictionary<string, FolderSecurityRecord>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var field = $"{_fields.Source}: folderSecurity[\"{property.Name}\"]";
                var path = property.Name.TrimEnd('\\');
                if (folders.ContainsKey(path))
                {
                    return CapturedFolderSecurity.Invalid($"{field}: the folder appears twice.", element.GetRawText());
                }

                folders[path] = Entry(property.Value, field);
            }

            return new CapturedFolderSecurity(folders);
        }

        private static FolderSecurityRecord Entry(JsonElement value, string field)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return FolderSecurityRecord.Invalid($"{field} must be an object with sddl, absent or notRun.", value.GetRawText());
            }

            var names = value.EnumerateObject().Select(p => p.Name).ToArray();
            if (names.Length != 1 || !(names[0] == "sddl" || names[0] == "absent" || names[0] == "notRun"))
            {
                return FolderSecurityRecord.Invalid($"{field} must hold exactly one of sddl, absent or notRun (it holds {(names.Length == 0 ? "nothing" : string.Join(", ", names))}).", value.GetRawText());
            }

            var item = value.GetProperty(names[0]);
            switch (names[0])
            {
                case "sddl" when item.ValueKind == JsonValueKind.String && item.GetString()!.Length <= SddlParser.MaxLength:
                    return FolderSecurityRecord.Found(item.GetString()!);
                case "absent" when item.ValueKind == JsonValueKind.True:
                    return FolderSecurityRecord.Missing();
                case "notRun" when item.ValueKind == JsonValueKind.String:
                    return FolderSecurityRecord.NotRun(item.GetString()!);
                default:
                    return FolderSecurityRecord.Invalid($"{field}.{names[0]} must be {(names[0] == "absent" ? "true" : names[0] == "sddl" ? $"a string of at most {SddlParser.MaxLength} characters" : "a string")}.", value.GetRawText());
            }
        }
    }
}
