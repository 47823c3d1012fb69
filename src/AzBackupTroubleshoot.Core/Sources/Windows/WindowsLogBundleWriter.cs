using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Checks.Windows;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Runners;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Writes a Windows log bundle: the capture of what the checks read (<see cref="CaptureEntry"/>, the versioned capture
    /// format, so Test-AzBackupAgentHealth -Path analyses the bundle as it would the capture), the health results, and the
    /// agent's logs where they can be read, laid out below a folder named for the drive (<c>C/WindowsAzure/Logs/...</c>).
    /// Everything goes through <see cref="BundleZipWriter"/>: the capture and the logs are redacted like a Linux bundle's
    /// files, key and certificate files are left out, and the zip appears only when complete.
    /// </summary>
    public sealed class WindowsLogBundleWriter
    {
        /// <summary>The name of the capture at the top of a Windows bundle; its presence makes a zip a Windows bundle.</summary>
        public const string CaptureEntry = "AzBackupTroubleshoot.capture.json";

        private readonly IUnixFileMetadata _metadata;
        private readonly Func<DateTimeOffset> _clock;

        /// <summary>Creates a writer; <paramref name="clock"/> dates the capture (now by default).</summary>
        public WindowsLogBundleWriter(IUnixFileMetadata metadata, Func<DateTimeOffset>? clock = null)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Reads the machine behind <paramref name="gateway"/> through a <see cref="CapturingCimGateway"/>, runs every Windows
        /// check, and writes the capture, the results and the files of <paramref name="logs"/> (null: none, as for a remote
        /// session) to <paramref name="destination"/>.
        /// </summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        public async Task<BundleReport> SaveAsync(ICimGateway gateway, WindowsCheckOptions? options, WindowsAgentLogFiles? logs, string destination, CancellationToken cancellationToken = default)
        {
            if (gateway is null)
            {
                throw new ArgumentNullException(nameof(gateway));
            }

            var full = BundleZipWriter.ResolveDestination(destination);
            var capturing = new CapturingCimGateway(gateway, _clock());
            var results = await new WindowsHealthRunner(new CheckEngine(), options, _clock).RunAsync(capturing, null, cancellationToken).ConfigureAwait(false);
            var capture = capturing.ToCapture("Taken by Save-AzBackupAgentLog.");
            return await WriteAsync(capture, results, logs, full, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Writes a bundle of <paramref name="capture"/>, <paramref name="results"/> and the files of <paramref name="logs"/> (may be null).</summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        public Task<BundleReport> WriteAsync(CimCapture capture, IReadOnlyList<HealthCheckResult> results, WindowsAgentLogFiles? logs, string destination, CancellationToken cancellationToken = default)
        {
            if (capture is null || results is null)
            {
                throw new ArgumentNullException(capture is null ? nameof(capture) : nameof(results));
            }

            var full = BundleZipWriter.ResolveDestination(destination);
            return Task.Run(() => Write(capture, results, logs, full, cancellationToken), cancellationToken);
        }

        private BundleReport Write(CimCapture capture, IReadOnlyList<HealthCheckResult> results, WindowsAgentLogFiles? logs, string full, CancellationToken cancellationToken)
        {
            using var zip = BundleZipWriter.Create(full, _metadata);

            // Redacted like every other file. Only a private key inside an event message could make it left out; the bundle
            // then holds no capture and the report's LeftOut says so.
            zip.AddFile(CaptureEntry, CaptureEntry, Encoding.UTF8.GetBytes(CimCaptureSerializer.Serialize(capture)));
            foreach (var file in logs?.Select(cancellationToken) ?? Array.Empty<WindowsLogFile>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (file.Problem != null)
                {
                    zip.LeaveOut(file.WindowsPath, file.Problem);
                    continue;
                }

                if (zip.LeavesOutByName(file.EntryName, file.WindowsPath))
                {
                    continue;
                }

                byte[] content;
                try
                {
                    // The agent keeps its logs open for writing: share read, write and delete.
                    using var stream = RegularFile.OpenRead(file.HostPath);
                    content = StreamLimit.ReadTail(stream, BundleZipWriter.MaxFileBytes, out _);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    zip.LeaveOut(file.WindowsPath, "not readable: " + ex.Message);
                    continue;
                }

                zip.AddFile(file.EntryName, file.WindowsPath, content);
            }

            return zip.Complete(capture.ComputerName, results);
        }
    }
}
