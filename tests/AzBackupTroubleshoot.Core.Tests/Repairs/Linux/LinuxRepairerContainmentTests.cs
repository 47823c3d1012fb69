using System.Security.Cryptography;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Platform;
using AzBackupTroubleshoot.Core.Repairs;
using AzBackupTroubleshoot.Core.Repairs.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Linux
{
    /// <summary>
    /// Repairs on a mounted OS disk: links inside the disk must never make a write, backup or rename land outside it (the
    /// "rescue VM" is a second temporary folder whose hash is compared before and after).
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class LinuxRepairerContainmentTests
    {
        private const string DropInFolder = "etc/systemd/system/waagent.service.d";
        private const string DropIn = DropInFolder + "/zz-azbackup-restart.conf";

        private static LinuxRepairer Repairer(TempRoot root, bool live = false) =>
            new LinuxRepairer(new LinuxRepairOptions(root.Path, live)
            {
                Locator = new CommandLocator(Path.Combine(root.Path, "no-commands-here")),
                Clock = () => new DateTime(2024, 5, 2, 2, 30, 41, DateTimeKind.Utc),
            });

        private static async Task<RepairResult> Run(TempRoot root, RepairAction action, bool live = false)
        {
            var repairer = Repairer(root, live);
            return await repairer.ApplyAsync(repairer.Plan(action));
        }

        [Fact]
        public async Task DropInFolder_LinkedToTheRescueVm_IsWrittenInsideTheDisk()
        {
            using var rescue = new TempRoot().Write("keep.conf", "rescue VM file\n");
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            LinkDropInFolder(root, rescue.Path, rescue.Path);
            var before = Hash(rescue.Path);

            var result = await Run(root, RepairAction.EnableAutoRestart);

            Assert.Equal(before, Hash(rescue.Path)); // nothing written on the rescue VM
            Assert.Equal(RepairStatus.Repaired, result.Status);
            var inside = root.Full(rescue.Path.TrimStart('/') + "/zz-azbackup-restart.conf"); // the link, read as the disk will boot
            Assert.Equal(inside, result.Target);
            Assert.Contains("Restart=always", File.ReadAllText(inside));
        }

        [Fact]
        public async Task DropInFolder_RelativeLinkClimbingOut_IsClampedAtTheRoot()
        {
            using var rescue = new TempRoot();
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            var climb = string.Concat(Enumerable.Repeat("../", 12)) + rescue.Path.TrimStart('/');
            LinkDropInFolder(root, climb, rescue.Path);
            var before = Hash(rescue.Path);

            var result = await Run(root, RepairAction.EnableAutoRestart);

            Assert.Equal(before, Hash(rescue.Path));
            Assert.Equal(RepairStatus.Repaired, result.Status);
            Assert.StartsWith(root.Path + "/", result.Target);
        }

        [Fact]
        public async Task DropInFile_LinkedToARescueVmFile_IsNeitherBackedUpNorWrittenThrough()
        {
            using var rescue = new TempRoot().Write("secret", "rescue VM secret\n");
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            root.Link(DropIn, rescue.Full("secret"));
            var before = Hash(rescue.Path);

            var result = await Run(root, RepairAction.EnableAutoRestart);

            Assert.Equal(before, Hash(rescue.Path));
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains("symbolic link", result.Detail);
            Assert.Null(result.BackupPath);
            Assert.Equal(rescue.Full("secret"), new FileInfo(root.Full(DropIn)).LinkTarget); // the link is left as it was
            var leaked = Directory.EnumerateFiles(root.Path, "*", SearchOption.AllDirectories)
                .Where(f => new FileInfo(f).LinkTarget is null)
                .Where(f => File.ReadAllText(f).Contains("rescue VM secret"));
            Assert.Empty(leaked);
        }

        [Fact]
        public async Task WaagentConf_LinkedOutOfTheDisk_IsNotEditedOrCopied()
        {
            using var rescue = new TempRoot().Write("waagent.conf", "Extensions.Enabled=n\n");
            using var root = new TempRoot(TempRoot.Example("extensions-disabled"));
            root.Delete("etc/waagent.conf").Link("etc/waagent.conf", rescue.Full("waagent.conf"));
            var before = Hash(rescue.Path);

            var result = await Run(root, RepairAction.EnableExtensions);

            Assert.Equal(before, Hash(rescue.Path));
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Empty(Directory.GetFiles(root.Full("etc"), "*.azbt.bak"));
        }

        [Fact]
        public async Task Live_RefusesToWriteThroughALinkedFolder()
        {
            using var elsewhere = new TempRoot();
            using var root = new TempRoot(TempRoot.Example("agent-stopped"));
            LinkDropInFolder(root, elsewhere.Path, elsewhere.Path);
            var before = Hash(elsewhere.Path);

            var result = await Run(root, RepairAction.EnableAutoRestart, live: true);

            Assert.Equal(before, Hash(elsewhere.Path));
            Assert.Equal(RepairStatus.Failed, result.Status);
            Assert.Contains("symbolic link", result.Detail);
        }

        // The disk's drop-in folder becomes a link; the folder it names inside the disk keeps the override that needs the repair.
        private static void LinkDropInFolder(TempRoot root, string target, string insideDisk)
        {
            root.Delete(DropInFolder).Link(DropInFolder, target);
            root.Write(insideDisk.TrimStart('/') + "/override.conf", "[Service]\nRestart=no\n");
        }

        /// <summary>A hash over every name, link target and file content under a folder.</summary>
        internal static string Hash(string folder)
        {
            var text = new StringBuilder();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                text.Append(entry.FullName).Append('|').Append(entry.LinkTarget).Append('|');
                if (entry is FileInfo file && entry.LinkTarget is null)
                {
                    text.Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))));
                }

                text.Append('\n');
            }

            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
