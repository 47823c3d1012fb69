using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class SnapshotExtensionReaderTests
    {
        private const string Ext = "var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux";

        private static SnapshotExtensionFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return new SnapshotExtensionReader().Read(root, "/var/lib/waagent", "/var/log/azure");
        }

        [Fact]
        public void NewestVersion_AndItsNewestStatusFile()
        {
            using var temp = new TempRoot()
                .Write($"{Ext}-1.0.9170.0/status/40.status", "[{\"status\":{\"status\":\"error\",\"code\":\"2\"}}]")
                .Write($"{Ext}-1.0.9184.0/status/9.status", "[{\"status\":{\"status\":\"error\",\"code\":\"2\"}}]")
                .Write($"{Ext}-1.0.9184.0/status/10.status", "[{\"version\":\"1.0.9184.0\",\"timestampUTC\":\"2024-05-02T02:30:41Z\",\"status\":{\"operation\":\"Enable\",\"status\":\"success\",\"code\":1,\"formattedMessage\":{\"lang\":\"en-US\",\"message\":\"ok\"},\"substatus\":[{\"name\":\"x\",\"status\":\"error\",\"code\":\"5\"}]}}]")
                .Write($"{Ext}-1.0.9184.0/status/9_status", "renamed by the extension")
                .Write("etc/azure/vmbackup.conf", "[SnapshotThread]\nfsfreeze: True\nMountsToSkip = /mnt/resource\n");
            var facts = Read(temp);
            Assert.Equal(new[] { "1.0.9184.0", "1.0.9170.0" }, facts.Installs.Select(i => i.Version.Text));
            var status = facts.Status!.Value!;
            Assert.Equal(10, status.Sequence);
            Assert.Equal("success", status.EffectiveStatus);
            Assert.Equal(1, status.Code);
            Assert.Equal("ok", status.Message);
            Assert.Equal("Enable", status.Operation);
            Assert.Equal("x: error (5)", status.SubStatuses.Single());
            Assert.Equal("/mnt/resource", facts.Config.Value!.Find("snapshotthread", "mountstoskip")!.Value);
            Assert.Equal("True", facts.Config.Value.Find("SnapshotThread", "fsfreeze")!.Value);
            Assert.Equal(FactStatus.Absent, facts.Log.Status);
        }

        [Fact]
        public void NoExtension_NoStatus()
        {
            using var temp = new TempRoot();
            var facts = Read(temp);
            Assert.Null(facts.Newest);
            Assert.Null(facts.Status);
            Assert.Equal(FactStatus.Absent, facts.Config.Status);
        }

        [Theory]
        [InlineData("{\"status\":{}}", "expected a JSON array")]
        [InlineData("[]", "empty")]
        [InlineData("[{\"state\":1}]", "no 'status' object")]
        [InlineData("[{\"status\":{\"status\":3}}]", "'status.status' is missing or not a string")]
        [InlineData("[{\"status\":", "not valid JSON")]
        public void MalformedStatusFiles_SayWhatIsWrong(string json, string problem)
        {
            using var temp = new TempRoot().Write($"{Ext}-1.0.9184.0/status/3.status", json);
            var status = Read(temp).Status!;
            Assert.Equal(FactStatus.Malformed, status.Status);
            Assert.Contains(problem, status.Problem);
            Assert.EndsWith("/status/3.status", status.Path);
        }

        [Fact]
        public void UnknownStatusValue_IsAnErrorForTheAgent()
        {
            var report = ExtensionStatusReport.Parse("[{\"status\":{\"status\":\"Failed\"}}]", 1, out _)!;
            Assert.Equal("error", report.EffectiveStatus);
        }

        [Theory]
        [InlineData("seqsnapshot = 1\n", "comes before any [section]")]
        [InlineData("[SnapshotThread]\njust words\n", "is not a key = value line")]
        [InlineData("[SnapshotThread\nx=1\n", "invalid section header")]
        public void MalformedVmBackupConf(string text, string problem)
        {
            using var temp = new TempRoot().Write("etc/azure/vmbackup.conf", text);
            var config = Read(temp).Config;
            Assert.Equal(FactStatus.Malformed, config.Status);
            Assert.Contains(problem, config.Problem);
        }

        [Fact]
        public void AStatusFolderThatCannotBeListed_IsMalformedNamingIt_NotNoStatus()
        {
            using var temp = new TempRoot().Write($"{Ext}-1.0.9184.0/status/10.status", "[{\"status\":{\"status\":\"success\",\"code\":1}}]");
            using var root = new UnlistableRoot(temp, $"{Ext}-1.0.9184.0/status");
            var facts = new SnapshotExtensionReader().Read(root, "/var/lib/waagent", "/var/log/azure");
            Assert.Equal(FactStatus.Malformed, facts.Status!.Status);
            Assert.Equal($"/{Ext}-1.0.9184.0/status", facts.Status.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", facts.Status.Problem);
        }

        [Fact]
        public void ALibDirThatCannotBeListed_IsTheFolderProblem_NotNoExtension()
        {
            using var temp = new TempRoot().Write($"{Ext}-1.0.9184.0/status/10.status", "[{\"status\":{\"status\":\"success\",\"code\":1}}]");
            using var root = new UnlistableRoot(temp, "var/lib/waagent");
            var facts = new SnapshotExtensionReader().Read(root, "/var/lib/waagent", "/var/log/azure");
            Assert.Empty(facts.Installs);
            Assert.Equal("/var/lib/waagent", facts.FolderProblem!.Path);
            Assert.Equal("the folder cannot be listed (permission denied)", facts.FolderProblem.Problem);
        }
    }
}
