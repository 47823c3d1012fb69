using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>
    /// Writes a Linux log bundle: a zip laid out as a root (so Test-AzBackupAgentHealth -Path can analyse it), plus the
    /// health results as JSON. The zip itself (mode 0600, redaction, keys left out, renamed into place when complete) is
    /// <see cref="BundleZipWriter"/>'s; this class chooses the files and reads them from the root.
    /// </summary>
    public sealed class AgentLogBundleWriter
    {
        /// <summary>
        /// The most bytes of files a bundle takes, together: 960 MiB, below what a zip root reads back
        /// (<see cref="ZipLimits.MaxTotalBytes"/>, 1 GiB) so that the bundle can be analysed whole. Files past it are left
        /// out, each listed with the reason; none is read once the limit is reached.
        /// </summary>
        public const long MaxTotalBytes = ZipLimits.MaxTotalBytes - BundleZipWriter.MaxFileBytes;

        private readonly IUnixFileMetadata _metadata;
        private readonly long _maxTotalBytes;
        private readonly int _maxFiles;

        /// <summary>Creates a writer.</summary>
        public AgentLogBundleWriter(IUnixFileMetadata metadata)
            : this(metadata, MaxTotalBytes, BundleFileSelector.MaxFiles)
        {
        }

        internal AgentLogBundleWriter(IUnixFileMetadata metadata, long maxTotalBytes, int maxFiles)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            _maxTotalBytes = maxTotalBytes;
            _maxFiles = maxFiles;
        }

        /// <summary>Writes the bundle for <paramref name="root"/> to <paramref name="destination"/> (replacing an existing file).</summary>
        /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
        public Task<BundleReport> WriteAsync(ILinuxRoot root, LinuxFacts facts, IReadOnlyList<HealthCheckResult> results, string destination, CancellationToken cancellationToken = default)
        {
            if (root is null || facts is null || results is null)
            {
                throw new ArgumentNullException(root is null ? nameof(root) : facts is null ? nameof(facts) : nameof(results));
            }

            var full = BundleZipWriter.ResolveDestination(destination);
            return Task.Run(() => Write(root, facts, results, full, cancellationToken), cancellationToken);
        }

        private BundleReport Write(ILinuxRoot root, LinuxFacts facts, IReadOnlyList<HealthCheckResult> results, string full, CancellationToken cancellationToken)
        {
            var (files, directories, unlisted) = new BundleFileSelector(_maxFiles).Select(root, facts);
            using var zip = BundleZipWriter.Create(full, _metadata);
            foreach (var folder in unlisted)
            {
                zip.LeaveOut(folder.Path, folder.Problem);
            }

            foreach (var directory in directories)
            {
                zip.AddDirectory(directory);
            }

            var taken = 0L;
            var overLimit = $"not taken: the bundle's limit of {_maxTotalBytes / (1024 * 1024)} MiB of files was reached";
            foreach (var path in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var display = "/" + path;
                if (zip.LeavesOutByName(path, display))
                {
                    continue;
                }

                if (taken >= _maxTotalBytes)
                {
                    zip.LeaveOut(display, overLimit);
                    continue;
                }

                var link = root.ReadLink(path);
                var file = root.Read(path, BundleZipWriter.MaxFileBytes, path.StartsWith("var/log/", StringComparison.Ordinal) ? ReadWindow.Tail : ReadWindow.Head);
                if (file.Status == RootReadStatus.Present && taken + file.Content.Length > _maxTotalBytes)
                {
                    taken = _maxTotalBytes;
                    zip.LeaveOut(display, overLimit);
                }
                else if (file.Status == RootReadStatus.Present)
                {
                    taken += file.Content.Length;
                    zip.AddFile(path, display, file.Content, IsNetworkConfiguration(path));
                }
                else if (link != null)
                {
                    // A link the bundle cannot hold: a masked unit (/dev/null) becomes an empty file, an enable link its target's path.
                    zip.AddFile(path, display, link == "/dev/null" ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(link));
                }
                else
                {
                    zip.LeaveOut(display, file.Problem ?? "not readable");
                }
            }

            // Bundle format 2: what no file of the root holds (statvfs figures, the python3 link) goes into one entry of its own.
            // The agent's python run (or why it was not run: without -RunAgentPython, or offline) is recorded too (format 3).
            var captured = new CapturedFacts(facts.Filesystems.Usage ?? Array.Empty<FilesystemUsage>(), facts.Runtime.Python.Link,
                facts.AgentPython.Outcome == AgentPythonOutcome.Unreadable
                    ? AgentPythonFacts.NotRun($"The bundle this one was made from had a record of the run that could not be read ({facts.AgentPython.Path}: {facts.AgentPython.Reason}).")
                    : facts.AgentPython);
            zip.AddFile(CapturedFacts.EntryName, "/" + CapturedFacts.EntryName, captured.ToJson());
            return zip.Complete(root.Location, results);
        }

        private static bool IsNetworkConfiguration(string path) =>
            path.StartsWith("etc/NetworkManager/", StringComparison.Ordinal) || path.StartsWith("etc/netplan/", StringComparison.Ordinal) ||
            path.StartsWith("etc/sysconfig/network", StringComparison.Ordinal);
    }
}
