using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Network;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// What Add-AzDatacenterRoute and Remove-AzDatacenterRoute share: the Service Tags input and selection parameters, the
    /// pipeline collection, the route table of this platform, and the mapping of Core's errors to error records.
    /// </summary>
    public abstract class DatacenterRouteCmdlet : CancellableCmdlet
    {
        /// <summary>Piped tags, health results and route changes, collected until EndProcessing.</summary>
        private protected ServiceTagInput Piped { get; } = new ServiceTagInput();

        /// <summary>The loaded -ServiceTagFile, if any.</summary>
        private protected ServiceTagFile? LoadedFile { get; private set; }

        /// <summary>The weekly Service Tags download, or a saved Service Tag Discovery API response.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ServiceTagFile { get; set; }

        /// <summary>Service Tags, Get-AzNetworkServiceTag output, health results or route changes from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject[]? InputObject { get; set; }

        /// <summary>Tag names, for example Storage.WestEurope, AzureCloud.westeurope or AzureBackup (case is ignored).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ServiceTag { get; set; }

        /// <summary>Regions; each expands to its AzureCloud and Storage tags (case is ignored).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Region { get; set; }

        /// <summary>The address family of the routes: IPv4 (default) or IPv6.</summary>
        [Parameter]
        public IpFamily AddressFamily { get; set; } = IpFamily.IPv4;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject ?? Array.Empty<PSObject>())
            {
                try
                {
                    if (!Piped.Add(item))
                    {
                        WriteError(ErrorRecords.Create(
                            ErrorIds.InputObjectNotRecognized,
                            ErrorCategory.InvalidArgument,
                            item,
                            $"The piped object ({item?.BaseObject.GetType().FullName ?? "null"}) is not a Service Tag, a Service Tags document, a health result or a route change.",
                            recommendedAction: "Pipe Get-AzNetworkServiceTag output, ServiceTag objects, Test-AzBackupAgentHealth results or RouteChange objects."));
                    }
                }
                catch (ServiceTagException ex)
                {
                    WriteError(ToErrorRecord(ex, item));
                }
            }
        }

        /// <summary>Loads -ServiceTagFile when given; a terminating error when it cannot be read.</summary>
        private protected void LoadServiceTagFile()
        {
            if (ServiceTagFile is null)
            {
                return;
            }

            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ServiceTagFile);
            WriteVerbose($"Reading the Service Tags file '{path}'.");
            try
            {
                LoadedFile = Core.Network.ServiceTagFile.Load(path);
            }
            catch (ServiceTagException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, ServiceTagFile));
            }

            WriteVerbose($"Read {LoadedFile!.Tags.Count} tags, change number {LoadedFile.ChangeNumber?.ToString() ?? "(none)"}, cloud {LoadedFile.Cloud ?? "(none)"}.");
        }

        /// <summary>The document to select from: the file, with piped tags added (piped tags win on a name clash).</summary>
        private protected ServiceTagFile? Document()
        {
            if (Piped.Tags.Count == 0)
            {
                return LoadedFile;
            }

            var tags = new List<ServiceTag>(Piped.Tags);
            if (LoadedFile != null)
            {
                var names = new HashSet<string>(Piped.Tags.Select(t => t.Name), StringComparer.OrdinalIgnoreCase);
                tags.AddRange(LoadedFile.Tags.Where(t => !names.Contains(t.Name)));
            }

            return new ServiceTagFile(
                LoadedFile?.Path ?? Piped.Path,
                LoadedFile?.Shape ?? ServiceTagFileShape.DiscoveryApi,
                LoadedFile?.ChangeNumber ?? Piped.ChangeNumber,
                LoadedFile?.Cloud ?? Piped.Cloud,
                tags);
        }

        /// <summary>Selects by -ServiceTag and -Region (and <paramref name="extraRegions"/>); a terminating error for unknown names.</summary>
        private protected IReadOnlyList<ServiceTag> Select(ServiceTagFile document, IEnumerable<string>? extraRegions)
        {
            var regions = (Region ?? Array.Empty<string>()).Concat(extraRegions ?? Array.Empty<string>()).ToList();
            try
            {
                var selected = new ServiceTagSelector().Select(document, ServiceTag, regions);
                WriteVerbose($"Selected tags: {string.Join(", ", selected.Select(t => t.Name))}.");
                return selected;
            }
            catch (ServiceTagException ex)
            {
                ThrowTerminatingError(ToErrorRecord(ex, ex.Value));
                throw;
            }
        }

        /// <summary>The route table of this platform.</summary>
        private protected IRouteTable CreateRouteTable(bool persistent)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                if (persistent)
                {
                    WriteWarning("-Persistent has no effect on Linux: routes added with ip last until the next restart. Put them in the distribution's network configuration to keep them.");
                }

                return new LinuxRouteTable(new ProcessCommandRunner());
            }

            // The Windows path (WindowsRouteTable over MSFT_NetRoute) needs the module's CIM gateway, which the cmdlet
            // layer does not have yet; Core's WindowsRouteTable is ready for it.
            ThrowTerminatingError(ErrorRecords.Create(
                ErrorIds.RouteTableUnavailable,
                ErrorCategory.NotImplemented,
                null,
                $"Changing routes is implemented for Linux (ip) in this version; on {RuntimeInformation.OSDescription} use New-NetRoute or an NSG service-tag rule.",
                recommendedAction: "Run the cmdlet on Linux, or use the NSG rule that the cmdlet's advice names."));
            throw new InvalidOperationException();
        }

        /// <summary>A terminating ElevationRequired error unless the process may change routes.</summary>
        private protected void RequireElevation(string action)
        {
            if (Elevation.IsElevated())
            {
                return;
            }

            var who = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "an elevated (Run as Administrator) session" : "root (sudo)";
            ThrowTerminatingError(ErrorRecords.Create(
                ErrorIds.ElevationRequired,
                ErrorCategory.PermissionDenied,
                null,
                $"{action} needs {who}; nothing was changed.",
                recommendedAction: "Run PowerShell elevated (sudo pwsh on Linux), or add -WhatIf to see what would change."));
        }

        /// <summary>Runs Core route work, turning its route-table errors into terminating error records.</summary>
        private protected T RunRouteTable<T>(System.Threading.Tasks.Task<T> work)
        {
            try
            {
                return Wait(work);
            }
            catch (RouteTableException ex)
            {
                var id = ex.Kind == RouteTableErrorKind.NoDefaultRoute ? ErrorIds.NoDefaultRoute : ErrorIds.RouteTableUnavailable;
                var category = ex.Kind == RouteTableErrorKind.NoDefaultRoute ? ErrorCategory.ObjectNotFound : ErrorCategory.OpenError;
                ThrowTerminatingError(ErrorRecords.Create(id, category, null, ex.Message, ex));
                throw;
            }
        }

        /// <summary>The error record for a Service Tags error: its kind decides the id and category.</summary>
        private protected static ErrorRecord ToErrorRecord(ServiceTagException ex, object? target)
        {
            switch (ex.Kind)
            {
                case ServiceTagErrorKind.FileUnreadable:
                    return ErrorRecords.Create(ErrorIds.ServiceTagFileUnreadable, ErrorCategory.ReadError, target, ex.Message, ex);
                case ServiceTagErrorKind.TagNotFound:
                    return ErrorRecords.Create(ErrorIds.ServiceTagNotFound, ErrorCategory.ObjectNotFound, target, ex.Message, ex, "Check the tag name; the closest names are listed.");
                case ServiceTagErrorKind.RegionNotFound:
                    return ErrorRecords.Create(ErrorIds.RegionNotFound, ErrorCategory.ObjectNotFound, target, ex.Message, ex, "Check the region name; the closest names are listed.");
                default:
                    return ErrorRecords.Create(ErrorIds.ServiceTagFileInvalid, ErrorCategory.InvalidData, target, ex.Message, ex, "Download the Service Tags file again.");
            }
        }
    }
}
