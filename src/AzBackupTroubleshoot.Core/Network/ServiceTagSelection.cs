namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The tags a caller wants, by name and by region, as <see cref="ServiceTagSelector.Select"/> takes them. Given to
    /// <see cref="ServiceTagFileReader"/>, it lets the reader skip the prefixes of every other tag: the whole file is still
    /// checked as JSON, but only the selected tags' prefixes are parsed and validated.
    /// </summary>
    public sealed class ServiceTagSelection
    {
        /// <summary>Creates a selection; null lists are empty.</summary>
        public ServiceTagSelection(IEnumerable<string>? tagNames, IEnumerable<string>? regions)
        {
            TagNames = (tagNames ?? Enumerable.Empty<string>()).ToArray();
            Regions = (regions ?? Enumerable.Empty<string>()).ToArray();
        }

        /// <summary>Tag names (case is ignored).</summary>
        public IReadOnlyList<string> TagNames { get; }

        /// <summary>Regions, each standing for its AzureCloud and Storage tags.</summary>
        public IReadOnlyList<string> Regions { get; }

        /// <summary>The selected tags of <paramref name="file"/>; unknown names are a <see cref="ServiceTagException"/>.</summary>
        public IReadOnlyList<ServiceTag> SelectFrom(ServiceTagFile file) => new ServiceTagSelector().Select(file, TagNames, Regions);

        /// <inheritdoc />
        public override string ToString() =>
            string.Join(", ", TagNames.Concat(Regions.Select(r => "region " + r)).DefaultIfEmpty("(nothing)"));
    }
}
