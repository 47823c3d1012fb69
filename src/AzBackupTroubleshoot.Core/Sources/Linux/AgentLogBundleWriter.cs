using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
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
        private readonly IUnixFileMetadata _metadata;

        /// <summary>Creates a writer.</summary>
        public AgentLogBundleWriter(IUnixFileMetadata metadata)
        {
            _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
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
            var (files, directories) = new BundleFileSelector().Select(root, facts);
            using var zip = BundleZipWriter.Create(full, _metadata);
            foreach (var directory in directories)
            {
                zip.AddDirectory(directory);
            }

            foreach (var path in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var display = "/" + path;
                if (zip.LeavesOutByName(path, display))
                {
                    continue;
                }

                var link = root.ReadLink(path);
                var file = root.Read(path, BundleZipWriter.MaxFileBytes, path.StartsWith("var/log/", StringComparison.Ordinal) ? ReadWindow.Tail : ReadWindow.Head);
                if (file.Status == RootReadStatus.Present)
                {
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
            var captured = new CapturedFacts(facts.Filesystems.Usage ?? Array.Empty<FilesystemUsage>(), facts.Runtime.Python.Link);
            zip.AddFile(CapturedFacts.EntryName, "/" + CapturedFacts.EntryName, captured.ToJson());
            return zip.Complete(root.Location, results);
        }

        private static bool IsNetworkConfiguration(string path) =>
            path.StartsWith("etc/NetworkManager/", StringComparison.Ordinal) || path.StartsWith("etc/netplan/", StringComparison.Ordinal) ||
            path.StartsWith("etc/sysconfig/network", StringComparison.Ordinal);
    }
}
