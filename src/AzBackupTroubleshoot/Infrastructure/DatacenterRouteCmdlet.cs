using System.Management.Automation;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Network;
using AzBackupTroubleshoot.Core.Targets;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// What Add-AzDatacenterRoute and Remove-AzDatacenterRoute share: the Service Tags input and selection parameters, the
    /// pipeline collection, the route tables to change (this Linux machine through ip, this Windows machine or the
    /// -CimSession/-ComputerName machines through MSFT_NetRoute), and the mapping of Core's errors to error records.
    /// Microsoft.Management.Infrastructure is reached only through <see cref="CimTargets"/>, so on Linux without
    /// -CimSession nothing loads it.
    /// </summary>
    public abstract class DatacenterRouteCmdlet : RemoteTargetCmdlet
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

        /// <summary>True when -WhatIf was given.</summary>
        private protected bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter s && s.IsPresent;

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

        /// <summary>
        /// Loads -ServiceTagFile when given; a terminating error when it cannot be read. With <paramref name="selection"/>
        /// only the selected tags' prefixes are read (the whole file is still checked as JSON), and an unknown tag or region
        /// stops here.
        /// </summary>
        private protected void LoadServiceTagFile(ServiceTagSelection? selection)
        {
            if (ServiceTagFile is null)
            {
                return;
            }

            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ServiceTagFile);
            WriteVerbose(selection is null ? $"Reading the Service Tags file '{path}'." : $"Reading the Service Tags file '{path}' for {selection}.");
            try
            {
                LoadedFile = selection is null ? Core.Network.ServiceTagFile.Load(path) : Core.Network.ServiceTagFile.Load(path, selection);
            }
            catch (ServiceTagException ex)
            {
                var target = ex.Kind == ServiceTagErrorKind.TagNotFound || ex.Kind == ServiceTagErrorKind.RegionNotFound ? ex.Value : ServiceTagFile;
                ThrowTerminatingError(ToErrorRecord(ex, target));
            }

            WriteVerbose($"Read {LoadedFile!.Tags.Count} tags, change number {LoadedFile.ChangeNumber?.ToString() ?? "(none)"}, cloud {LoadedFile.Cloud ?? "(none)"}.");
        }

        /// <summary>
        /// The selection to read the file for: the named tags and regions, when they alone decide (no piped tags, which could
        /// carry a name the file lacks); otherwise null, and the whole file is read.
        /// </summary>
        private protected ServiceTagSelection? ReadSelection(IEnumerable<string>? extraRegions)
        {
            var regions = (Region ?? Array.Empty<string>()).Concat(extraRegions ?? Array.Empty<string>()).ToList();
            return Piped.Tags.Count == 0 && (ServiceTag != null || regions.Count > 0) ? new ServiceTagSelection(ServiceTag, regions) : null;
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

        /// <summary>
        /// The machines whose routes change: each -CimSession and -ComputerName, else this machine (Linux through ip, shown
        /// as null; Windows through CIM). Terminating PlatformNotSupported for -ComputerName off Windows, and on an OS that
        /// is neither without -CimSession.
        /// </summary>
        private protected IReadOnlyList<CimTarget?> RouteTargets(string cmdlet)
        {
            if (ComputerName != null && !CimTargets.IsWindows)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.PlatformNotSupported,
                    ErrorCategory.NotImplemented,
                    ComputerName[0],
                    CimTargets.NotWindowsMessage($"{cmdlet} -ComputerName"),
                    recommendedAction: "Run the cmdlet inside the VM (for example with Invoke-AzVMRunCommand), or on Windows."));
            }

            var targets = NamedTargets().Cast<CimTarget?>().ToList();
            if (targets.Count > 0)
            {
                return targets;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return new CimTarget?[] { null };
            }

            if (CimTargets.IsWindows)
            {
                return new CimTarget?[] { CimTarget.Local() };
            }

            ThrowTerminatingError(ErrorRecords.Create(
                ErrorIds.PlatformNotSupported,
                ErrorCategory.NotImplemented,
                null,
                $"{cmdlet} changes routes on Linux (ip) and on Windows (MSFT_NetRoute through CIM); on {RuntimeInformation.OSDescription.Trim()} it can do neither. Run it inside the VM (for example with Invoke-AzVMRunCommand), or on Windows.",
                recommendedAction: "Run the cmdlet on the VM, or use the NSG service-tag rule that the cmdlet's advice names."));
            throw new InvalidOperationException();
        }

        /// <summary>ElevationRequired unless -WhatIf or no target is this machine (remote machines check their own rights).</summary>
        private protected void RequireElevation(IReadOnlyList<CimTarget?> targets, string action)
        {
            if (!IsWhatIf && targets.Any(t => t is null || t.Kind == CimTargetKind.Local))
            {
                RequireElevation(action);
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> on each target's route table, one after the other. A machine that cannot be reached
        /// (CimOperationFailed, ConnectionError) or whose table cannot be used (NoDefaultRoute, RouteTableUnavailable) is an
        /// error for that machine, and the others go on. Returns how many machines the work ran on to the end.
        /// </summary>
        private protected int ForEachRouteTable(IReadOnlyList<CimTarget?> targets, bool persistent, Action<DatacenterRouteManager, string, bool> work)
        {
            var done = 0;
            foreach (var target in targets)
            {
                ICimGateway? gateway = null;
                var name = target?.Name ?? Environment.MachineName;
                try
                {
                    IRouteTable table;
                    if (target is null)
                    {
                        if (persistent)
                        {
                            WriteWarning("-Persistent has no effect on Linux: routes added with ip last until the next restart. Put them in the distribution's network configuration to keep them.");
                        }

                        table = new LinuxRouteTable(new ProcessCommandRunner());
                    }
                    else
                    {
                        WriteVerbose($"Connecting to {target.Name} ({target.Kind}).");
                        gateway = CimTargets.Open(target);
                        name = gateway.ComputerName;
                        table = new WindowsRouteTable(gateway, persistent);
                    }

                    var record = RouteRecordStore.Default();
                    var manager = new DatacenterRouteManager(table, record);
                    WriteVerbose($"Route table: {table.Description}; the module's record of its routes: {manager.RecordPath}.");
                    work(manager, name, target != null);
                    done++;
                }
                catch (CimGatewayException ex)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.CimOperationFailed, ErrorCategory.ConnectionError, target?.Name ?? name, ex.Message, ex,
                        "Check that the VM is reachable over WinRM (Test-WSMan <computer>) and that your account is an administrator there."));
                }
                catch (RouteTableException ex)
                {
                    var (id, category) = ToErrorId(ex.Kind);
                    WriteError(ErrorRecords.Create(id, category, name, targets.Count > 1 || target != null ? $"{name}: {ex.Message}" : ex.Message, ex));
                }
                catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                finally
                {
                    CimTargets.Close(gateway);
                }
            }

            return done;
        }

        /// <summary>The error id and category of a route-table error.</summary>
        private static (string Id, ErrorCategory Category) ToErrorId(RouteTableErrorKind kind)
        {
            switch (kind)
            {
                case RouteTableErrorKind.NoDefaultRoute:
                    return (ErrorIds.NoDefaultRoute, ErrorCategory.ObjectNotFound);
                case RouteTableErrorKind.InvalidRouteValue:
                    return (ErrorIds.InvalidRouteValue, ErrorCategory.InvalidData);
                case RouteTableErrorKind.RecordUnreadable:
                    return (ErrorIds.RouteRecordUnreadable, ErrorCategory.ReadError);
                case RouteTableErrorKind.RecordUnwritable:
                    return (ErrorIds.RouteRecordUnwritable, ErrorCategory.WriteError);
                default:
                    return (ErrorIds.RouteTableUnavailable, ErrorCategory.OpenError);
            }
        }

        /// <summary>
        /// Writes one Warning per refused prefix (the first <paramref name="limit"/>, then one line with how many more), so a
        /// hostile file cannot flood the host.
        /// </summary>
        private protected void WarnRefused(IReadOnlyList<RefusedPrefix> refused, string on, int limit = 50)
        {
            foreach (var item in refused.Take(limit))
            {
                WriteWarning(item.ToString() + on);
            }

            if (refused.Count > limit)
            {
                WriteWarning($"{refused.Count - limit} more Service Tag prefixes are not routed{on} (the route policy refused them; see Get-Help Add-AzDatacenterRoute -Full).");
            }
        }

        /// <summary>A terminating ElevationRequired error unless the process may change routes.</summary>
        private void RequireElevation(string action)
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

        /// <summary>Waits for Core route work (its errors are handled per machine by <see cref="ForEachRouteTable"/>).</summary>
        private protected T RunRouteTable<T>(System.Threading.Tasks.Task<T> work) => Wait(work);

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
