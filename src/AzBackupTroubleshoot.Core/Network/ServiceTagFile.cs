using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>Which document a set of Service Tags was read from.</summary>
    public enum ServiceTagFileShape
    {
        /// <summary>The weekly download (<c>ServiceTags_Public_YYYYMMDD.json</c>; integer change numbers).</summary>
        Download,

        /// <summary>The Service Tag Discovery API (<c>ServiceTags_List</c>) response (string change numbers, <c>values</c>).</summary>
        DiscoveryApi,

        /// <summary>The <c>ServiceTagInformation_List</c> response (<c>value</c> array, no top-level change number).</summary>
        TagInformationList,
    }

    /// <summary>
    /// A Service Tags document: its tags, change number, cloud and the date its file name carries. Read with
    /// <see cref="ServiceTagFileReader"/>.
    /// </summary>
    public sealed class ServiceTagFile
    {
        private static readonly Regex DateInName = new Regex(@"_(\d{8})\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Name to index in Tags: a file whose tags are replaced by the same names (WithTags) shares it.
        private readonly Dictionary<string, int> _byName;

        /// <summary>Creates a document from its parts.</summary>
        public ServiceTagFile(string? path, ServiceTagFileShape shape, long? changeNumber, string? cloud, IReadOnlyList<ServiceTag> tags)
        {
            Path = path;
            Shape = shape;
            ChangeNumber = changeNumber;
            Cloud = cloud;
            Tags = tags ?? throw new ArgumentNullException(nameof(tags));
            FileDate = DateFromFileName(path);
            _byName = new Dictionary<string, int>(tags.Count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < tags.Count; i++)
            {
                if (!_byName.ContainsKey(tags[i].Name))
                {
                    _byName.Add(tags[i].Name, i);
                }
            }
        }

        private ServiceTagFile(ServiceTagFile names, IReadOnlyList<ServiceTag> tags)
        {
            Path = names.Path;
            Shape = names.Shape;
            ChangeNumber = names.ChangeNumber;
            Cloud = names.Cloud;
            Tags = tags;
            FileDate = names.FileDate;
            _byName = names._byName;
        }

        /// <summary>The file read, or null when the tags came from elsewhere (piped objects).</summary>
        public string? Path { get; }

        /// <summary>Which document shape it was.</summary>
        public ServiceTagFileShape Shape { get; }

        /// <summary>The document's change number (it grows whenever any tag changes); null when absent.</summary>
        public long? ChangeNumber { get; }

        /// <summary>The cloud, for example <c>Public</c>; null when absent.</summary>
        public string? Cloud { get; }

        /// <summary>The publication date taken from a file name like <c>ServiceTags_Public_20250728.json</c>, or null.</summary>
        public DateTime? FileDate { get; }

        /// <summary>Every tag, in document order.</summary>
        public IReadOnlyList<ServiceTag> Tags { get; }

        /// <summary>A tag by name (case-insensitive), or null.</summary>
        public ServiceTag? FindTag(string name) => name != null && _byName.TryGetValue(name, out var index) ? Tags[index] : null;

        /// <summary>The same document with <paramref name="tags"/>: the same tag names at the same places (a reader's second pass).</summary>
        internal ServiceTagFile WithTags(IReadOnlyList<ServiceTag> tags)
        {
            if (tags is null || tags.Count != Tags.Count)
            {
                throw new ArgumentException("The tags must be the same tags, by name and place.", nameof(tags));
            }

            return new ServiceTagFile(this, tags);
        }

        /// <summary>The date in a file name like <c>ServiceTags_Public_20250728.json</c>, or null.</summary>
        public static DateTime? DateFromFileName(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            var match = DateInName.Match(System.IO.Path.GetFileName(path!));
            if (match.Success && DateTime.TryParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            return null;
        }

        /// <summary>Reads a file of either shape; errors are <see cref="ServiceTagException"/>.</summary>
        public static ServiceTagFile Load(string path) => new ServiceTagFileReader().Read(path);

        /// <summary>
        /// Reads a file for a selection: the whole file is checked as JSON, but only the selected tags' prefixes are parsed
        /// (the other tags are <see cref="ServiceTag.Skipped"/>: name and region only). Unknown tags or regions and malformed
        /// prefixes of selected tags are <see cref="ServiceTagException"/>s, as with <see cref="ServiceTagSelector"/>.
        /// </summary>
        public static ServiceTagFile Load(string path, ServiceTagSelection selection) =>
            new ServiceTagFileReader().Read(path, selection ?? throw new ArgumentNullException(nameof(selection)));

        /// <inheritdoc />
        public override string ToString()
        {
            var name = Path is null ? "Service Tags" : System.IO.Path.GetFileName(Path);
            return $"{name} (change {ChangeNumber?.ToString(CultureInfo.InvariantCulture) ?? "?"}, {Tags.Count} tags)";
        }
    }
}
