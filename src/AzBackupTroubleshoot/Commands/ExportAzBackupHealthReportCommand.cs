using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Knowledge;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Reporting;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Writes health check and repair results, from one VM or a fleet, as one self-contained HTML report.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AzBackupHealthReport", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAzBackupHealthReportCommand : CancellableCmdlet
    {
        private readonly List<HealthCheckResult> _results = new List<HealthCheckResult>();
        private readonly List<RepairResult> _repairs = new List<RepairResult>();
        private string _fullPath = string.Empty;

        /// <summary>The HTML file to write; an existing file is replaced.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>HealthCheckResult and RepairResult objects (or their deserialized copies).</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object?[]? InputObject { get; set; }

        /// <summary>The report's title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = HealthReportOptions.DefaultTitle;

        /// <summary>Returns the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Opens the report in the default browser afterwards (needs a desktop session).</summary>
        [Parameter]
        public SwitchParameter Open { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            var error = TryResolveReportPath(Path, out _fullPath);
            if (error != null)
            {
                ThrowTerminatingError(error);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            foreach (var item in InputObject)
            {
                if (item is null)
                {
                    continue;
                }

                if (!ReportInputReader.TryRead(item, out var result, out var repair))
                {
                    var type = item is PSObject ps ? ps.BaseObject.GetType().FullName : item.GetType().FullName;
                    WriteError(ErrorRecords.Create(
                        ErrorIds.ReportInputInvalid,
                        ErrorCategory.InvalidType,
                        item,
                        $"A '{type}' is neither a HealthCheckResult nor a RepairResult; it is left out of the report.",
                        recommendedAction: "Pipe the output of Test-AzBackupAgentHealth or Repair-AzBackupAgent."));
                    continue;
                }

                if (result != null)
                {
                    _results.Add(result);
                }
                else
                {
                    _repairs.Add(repair!);
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var report = HealthReport.Create(_results, _repairs);
            var action = $"Write a health report of {report.Counts.Total} results and {report.RepairTotal} repairs on {report.Targets.Count} targets";
            if (!ShouldProcess(_fullPath, action))
            {
                return;
            }

            if (report.Targets.Count == 0)
            {
                WriteWarning("No HealthCheckResult or RepairResult was given: the report is empty.");
            }

            KnowledgeBase knowledge;
            try
            {
                knowledge = KnowledgeBase.Default;
            }
            catch (KnowledgeBaseException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.KnowledgeBaseInvalid, ErrorCategory.InvalidData, null, ex.Message, ex));
                return;
            }

            var version = MyInvocation.MyCommand.Module?.Version;
            var options = new HealthReportOptions(DateTimeOffset.Now, Title, version is null ? null : $"AzBackupTroubleshoot {version}");
            WriteVerbose($"Writing {report.Counts.Total} results and {report.RepairTotal} repairs on {report.Targets.Count} targets to '{_fullPath}'.");
            try
            {
                new HtmlReportWriter(knowledge).WriteFile(_fullPath, report, options, CancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ReportWriteFailed,
                    ErrorCategory.WriteError,
                    _fullPath,
                    $"The report could not be written to '{_fullPath}': {ex.Message} Nothing was changed.",
                    ex));
            }

            if (Open)
            {
                var problem = new DocumentOpener().Open(_fullPath);
                if (problem != null)
                {
                    WriteWarning($"The report was written but not opened: {problem}.");
                }
            }

            if (PassThru)
            {
                WriteObject(new FileInfo(_fullPath));
            }
        }

        /// <summary>The full file-system path of the report, or the ReportPathInvalid error that says why there is none.</summary>
        private ErrorRecord? TryResolveReportPath(string path, out string full)
        {
            full = string.Empty;
            ErrorRecord Invalid(ErrorCategory category, string message, Exception? inner = null) =>
                ErrorRecords.Create(ErrorIds.ReportPathInvalid, category, path, message, inner, "Give the path of an .html file in an existing folder.");

            try
            {
                var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    return Invalid(ErrorCategory.InvalidArgument, $"'{path}' is on the {provider.Name} provider; the report must be written to the file system.");
                }

                full = System.IO.Path.GetFullPath(resolved);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                return Invalid(ErrorCategory.ObjectNotFound, $"The report path '{path}' cannot be resolved: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is PSArgumentException)
            {
                return Invalid(ErrorCategory.InvalidArgument, $"The report path '{path}' is not a valid file path: {ex.Message}", ex);
            }

            if (Directory.Exists(full))
            {
                return Invalid(ErrorCategory.InvalidArgument, $"'{full}' is a folder; give the path of the HTML file to write, for example '{System.IO.Path.Combine(full, "backup-health.html")}'.");
            }

            var folder = System.IO.Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                return Invalid(ErrorCategory.ObjectNotFound, $"The folder of the report path '{full}' does not exist.");
            }

            return null;
        }
    }
}
