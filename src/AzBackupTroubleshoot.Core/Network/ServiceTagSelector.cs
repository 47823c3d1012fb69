namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// Picks tags from a Service Tags document by name and by region. A region expands to that region's
    /// <c>AzureCloud.&lt;region&gt;</c> and <c>Storage.&lt;region&gt;</c> tags.
    /// </summary>
    /// <remarks>
    /// A region may be given as the <c>properties.region</c> value (<c>westeurope</c>, <c>centralfrance</c>) or as a tag
    /// suffix (<c>WestEurope</c>, <c>FranceCentral</c>), case-insensitively; the file uses both spellings (for example
    /// <c>AzureCloud.centralfrance</c> beside <c>Storage.FranceCentral</c>, whose region is <c>centralfrance</c>). For each of
    /// the two base tags, a tag whose suffix is the given name wins; otherwise every tag of that base whose region is the
    /// region the name stands for is taken. So <c>eastus2</c> gives <c>Storage.EastUS2</c> and not the staging tag
    /// <c>Storage.EastUS2Stage</c>, which also carries region <c>eastus2</c>.
    /// </remarks>
    public sealed class ServiceTagSelector
    {
        /// <summary>The tags a region expands to.</summary>
        public static readonly IReadOnlyList<string> RegionalBaseTags = new[] { "AzureCloud", "Storage" };

        /// <summary>
        /// The tags named in <paramref name="tagNames"/> and those of <paramref name="regions"/>, each once, named tags
        /// first. Unknown names are a <see cref="ServiceTagException"/> listing the closest known names.
        /// </summary>
        public IReadOnlyList<ServiceTag> Select(ServiceTagFile file, IEnumerable<string>? tagNames, IEnumerable<string>? regions)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            var selected = new List<ServiceTag>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in tagNames ?? Enumerable.Empty<string>())
            {
                var tag = file.FindTag(name?.Trim() ?? string.Empty);
                if (tag is null)
                {
                    var close = NameSuggester.Closest(name ?? string.Empty, file.Tags.Select(t => t.Name));
                    throw new ServiceTagException(
                        ServiceTagErrorKind.TagNotFound,
                        $"there is no tag '{name}' in the file" + (close.Count > 0 ? "; closest: " + string.Join(", ", close) : string.Empty),
                        file.Path,
                        name,
                        name);
                }

                if (seen.Add(tag.Name))
                {
                    selected.Add(tag);
                }
            }

            foreach (var region in regions ?? Enumerable.Empty<string>())
            {
                foreach (var tag in TagsOfRegion(file, region))
                {
                    if (seen.Add(tag.Name))
                    {
                        selected.Add(tag);
                    }
                }
            }

            return selected;
        }

        /// <summary>The <c>AzureCloud</c> and <c>Storage</c> tags of one region.</summary>
        public IReadOnlyList<ServiceTag> TagsOfRegion(ServiceTagFile file, string region)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            var name = (region ?? string.Empty).Trim();
            var regionIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in file.Tags)
            {
                if (tag.Region.Length > 0 && (tag.Region.Equals(name, StringComparison.OrdinalIgnoreCase) || tag.NameSuffix.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    regionIds.Add(tag.Region);
                }
            }

            var result = new List<ServiceTag>();
            foreach (var baseName in RegionalBaseTags)
            {
                var ofBase = file.Tags.Where(t => t.BaseName.Equals(baseName, StringComparison.OrdinalIgnoreCase) && t.Region.Length > 0).ToList();
                var bySuffix = ofBase.Where(t => t.NameSuffix.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
                result.AddRange(bySuffix.Count > 0 ? bySuffix : ofBase.Where(t => regionIds.Contains(t.Region)));
            }

            if (name.Length == 0 || result.Count == 0)
            {
                var known = file.Tags
                    .Where(t => t.Region.Length > 0 && RegionalBaseTags.Contains(t.BaseName, StringComparer.OrdinalIgnoreCase))
                    .SelectMany(t => new[] { t.Region, t.NameSuffix });
                var close = NameSuggester.Closest(name, known);
                throw new ServiceTagException(
                    ServiceTagErrorKind.RegionNotFound,
                    $"there is no AzureCloud or Storage tag for region '{region}'" + (close.Count > 0 ? "; closest: " + string.Join(", ", close) : string.Empty),
                    file.Path,
                    null,
                    region);
            }

            return result;
        }
    }
}
