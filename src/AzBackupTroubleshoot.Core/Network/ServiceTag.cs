namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// One Service Tag entry (<c>values[]</c> in the weekly download and in the Discovery API response), for example
    /// <c>Storage.WestEurope</c> with its address prefixes.
    /// </summary>
    public sealed class ServiceTag
    {
        // Worked out on first use: selecting by region asks every tag for them, more than once.
        private string? _nameSuffix;
        private string? _baseName;

        /// <summary>Creates a tag.</summary>
        public ServiceTag(
            string name,
            string? id,
            string region,
            int? regionId,
            string? platform,
            string? systemService,
            long? changeNumber,
            IReadOnlyList<IpPrefix> addressPrefixes,
            IReadOnlyList<string>? networkFeatures)
            : this(name, id, region, regionId, platform, systemService, changeNumber, addressPrefixes, networkFeatures, skipped: false)
        {
        }

        /// <summary>Creates a tag; <paramref name="skipped"/> marks one a reader read only the name and region of.</summary>
        internal ServiceTag(
            string name,
            string? id,
            string region,
            int? regionId,
            string? platform,
            string? systemService,
            long? changeNumber,
            IReadOnlyList<IpPrefix> addressPrefixes,
            IReadOnlyList<string>? networkFeatures,
            bool skipped)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Id = string.IsNullOrEmpty(id) ? name : id!;
            Region = region ?? string.Empty;
            RegionId = regionId;
            Platform = platform;
            SystemService = systemService;
            ChangeNumber = changeNumber;
            AddressPrefixes = addressPrefixes ?? throw new ArgumentNullException(nameof(addressPrefixes));
            NetworkFeatures = networkFeatures ?? Array.Empty<string>();
            Skipped = skipped;
        }

        /// <summary>The tag name, for example <c>AzureCloud.westeurope</c>.</summary>
        public string Name { get; }

        /// <summary>The tag id (equal to the name in the public files).</summary>
        public string Id { get; }

        /// <summary>The region the tag belongs to (<c>properties.region</c>), empty for a global tag.</summary>
        public string Region { get; }

        /// <summary>The numeric region id (0 for global), when the input has one.</summary>
        public int? RegionId { get; }

        /// <summary>The platform (<c>Azure</c>), when given.</summary>
        public string? Platform { get; }

        /// <summary>The system service, for example <c>AzureStorage</c>.</summary>
        public string? SystemService { get; }

        /// <summary>The tag's own change number.</summary>
        public long? ChangeNumber { get; }

        /// <summary>The tag's address prefixes, IPv4 and IPv6, in file order.</summary>
        public IReadOnlyList<IpPrefix> AddressPrefixes { get; }

        /// <summary>
        /// True for a tag a <see cref="ServiceTagFileReader"/> read for a <see cref="ServiceTagSelection"/> that did not
        /// include it: only its name and region were read, so <see cref="AddressPrefixes"/> is empty although the file has
        /// some, and the other properties are unset.
        /// </summary>
        public bool Skipped { get; }

        /// <summary>Where the tag may be used (<c>API</c>, <c>NSG</c>, <c>UDR</c>, <c>FW</c>, <c>VSE</c>).</summary>
        public IReadOnlyList<string> NetworkFeatures { get; }

        /// <summary>The part of the name after the first dot (<c>WestEurope</c> of <c>Storage.WestEurope</c>), or empty.</summary>
        public string NameSuffix
        {
            get
            {
                if (_nameSuffix is null)
                {
                    var dot = Name.IndexOf('.');
                    _nameSuffix = dot < 0 ? string.Empty : Name.Substring(dot + 1);
                }

                return _nameSuffix;
            }
        }

        /// <summary>The part of the name before the first dot (<c>Storage</c> of <c>Storage.WestEurope</c>).</summary>
        public string BaseName
        {
            get
            {
                if (_baseName is null)
                {
                    var dot = Name.IndexOf('.');
                    _baseName = dot < 0 ? Name : Name.Substring(0, dot);
                }

                return _baseName;
            }
        }

        /// <summary>The prefixes of one address family.</summary>
        public IEnumerable<IpPrefix> PrefixesOf(IpFamily family) => AddressPrefixes.Where(p => p.Family == family);

        /// <inheritdoc />
        public override string ToString() => Skipped ? $"{Name} (skipped: not selected when read)" : $"{Name} ({AddressPrefixes.Count} prefixes)";
    }
}
