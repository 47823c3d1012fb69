namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>What <see cref="ServiceTagFileReader"/> has read of a document so far.</summary>
    internal sealed class ServiceTagDocumentState
    {
        public ServiceTagDocumentState(string? path, bool deferTags)
        {
            Path = path;
            DeferTags = deferTags;
        }

        public string? Path { get; }

        /// <summary>True when only the tags' names and regions are read and each tag's place kept in <see cref="TagRanges"/>.</summary>
        public bool DeferTags { get; }

        /// <summary>Where each tag object is in the document, by tag index (only when deferring).</summary>
        public List<ByteRange> TagRanges { get; } = new List<ByteRange>();

        public Utf8StringCache Strings { get; } = new Utf8StringCache();

        public long? ChangeNumber { get; set; }

        public bool ChangeNumberQuoted { get; set; }

        public string? Cloud { get; set; }

        public bool HasArmType { get; set; }

        public bool InArmExample { get; set; }

        public List<ServiceTag>? Tags { get; set; }

        public ServiceTagFileShape Shape { get; set; }
    }

    /// <summary>What <see cref="ServiceTagFileReader"/> has read of one tag so far; a bad value is kept until the name is known.</summary>
    internal sealed class ServiceTagEntryState
    {
        public string? Name { get; set; }

        public string? Id { get; set; }

        public bool HasProperties { get; set; }

        public string? Region { get; set; }

        public int? RegionId { get; set; }

        public string? Platform { get; set; }

        public string? SystemService { get; set; }

        public long? ChangeNumber { get; set; }

        public string? BadChangeNumber { get; set; }

        public IpPrefix[]? Prefixes { get; set; }

        public List<IpPrefix> Scratch { get; set; } = new List<IpPrefix>();

        public List<string>? NetworkFeatures { get; set; }

        public string? BadPrefix { get; private set; }

        public string? BadPrefixReason { get; private set; }

        public void Reject(string? value, string reason)
        {
            if (BadPrefix is null)
            {
                BadPrefix = value ?? string.Empty;
                BadPrefixReason = reason;
            }
        }
    }

    /// <summary>A span of the document's bytes.</summary>
    internal readonly struct ByteRange
    {
        public ByteRange(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }
    }
}
