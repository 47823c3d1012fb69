namespace AzBackupTroubleshoot.Core.Network
{
    /// <summary>
    /// The end-of-run advice of Add-AzDatacenterRoute: which Service Tags version the routes come from, that the list changes
    /// weekly, and the NSG service-tag rule that does the same job (Outbound, TCP 443 and, for managed disks, 8443).
    /// Sources: service-tags-overview.md (weekly file, change number); backup-azure-arm-vms-prepare.md 2019 (NSG rule to
    /// <c>Storage.&lt;region&gt;</c>, managed VM port 8443).
    /// </summary>
    public sealed class DatacenterRouteAdvice
    {
        private DatacenterRouteAdvice(long? changeNumber, DateTime? fileDate, string? fileName, IReadOnlyList<string> nsgServiceTags)
        {
            ChangeNumber = changeNumber;
            FileDate = fileDate;
            FileName = fileName;
            NsgServiceTags = nsgServiceTags;
            Text = BuildText();
        }

        /// <summary>The Service Tags change number, when known.</summary>
        public long? ChangeNumber { get; }

        /// <summary>The file's publication date, when its name carries one.</summary>
        public DateTime? FileDate { get; }

        /// <summary>The file name, when the tags came from a file.</summary>
        public string? FileName { get; }

        /// <summary>The destination service tags of the equivalent NSG rule.</summary>
        public IReadOnlyList<string> NsgServiceTags { get; }

        /// <summary>The NSG rule's direction.</summary>
        public string Direction => "Outbound";

        /// <summary>The NSG rule's protocol.</summary>
        public string Protocol => "Tcp";

        /// <summary>The NSG rule's destination ports: 443, and 8443 for managed disks.</summary>
        public IReadOnlyList<int> DestinationPorts { get; } = new[] { 443, 8443 };

        /// <summary>The advice as one paragraph (the cmdlet's closing warning).</summary>
        public string Text { get; }

        /// <summary>
        /// Advice for routes built from <paramref name="selected"/> tags of <paramref name="file"/>. The NSG rule names the
        /// tags the user asked for by name and the <c>Storage.&lt;region&gt;</c> tags a region expanded to.
        /// </summary>
        public static DatacenterRouteAdvice Create(ServiceTagFile? file, IReadOnlyList<ServiceTag> selected, IEnumerable<string>? requestedTagNames)
        {
            if (selected is null)
            {
                throw new ArgumentNullException(nameof(selected));
            }

            var requested = new HashSet<string>(requestedTagNames ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var nsgTags = selected
                .Where(t => requested.Contains(t.Name) || (t.BaseName.Equals("Storage", StringComparison.OrdinalIgnoreCase) && t.Region.Length > 0))
                .Select(t => t.Name)
                .ToList();
            if (nsgTags.Count == 0)
            {
                nsgTags = selected.Select(t => t.Name).ToList();
            }

            var fileName = file?.Path is null ? null : System.IO.Path.GetFileName(file.Path);
            return new DatacenterRouteAdvice(file?.ChangeNumber, file?.FileDate, fileName, nsgTags);
        }

        /// <inheritdoc />
        public override string ToString() => Text;

        private string BuildText()
        {
            var change = ChangeNumber.HasValue ? "change number " + ChangeNumber.Value.ToString(CultureInfo.InvariantCulture) : "an unknown change number";
            var source = FileName is null ? string.Empty : " of " + FileName;
            var date = FileDate.HasValue ? ", published " + FileDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ", publication date unknown";
            var tags = NsgServiceTags.Count == 0 ? "the same service tag" : string.Join(", ", NsgServiceTags);
            return $"These routes come from the Azure Service Tags list ({change}{source}{date}). The list changes weekly: "
                + "download the current file and run Add-AzDatacenterRoute again, or new Azure addresses stay unrouted. "
                + "Where the VM's own routing is not the problem, a network security group rule does the same job without routes: "
                + $"direction {Direction}, protocol TCP, destination service tag {tags}, destination ports 443 and, for managed disks, 8443, action Allow.";
        }
    }
}
