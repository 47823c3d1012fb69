using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Runners;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class LogScannerTests
    {
        [Fact]
        public void AgentLog_CurrentFormat_ErrorsInTheLastSevenDays()
        {
            var summary = LogScanner.ForAgentLog().Scan(
                "2024-04-01T10:00:00.000000Z ERROR Daemon Daemon old failure\n" +
                "2024-05-01T10:00:00.000000Z INFO ExtHandler ExtHandler fine\n" +
                "2024-05-01T11:00:00.000000Z WARNING ExtHandler ExtHandler An error occurred while retrieving the goal state: timed out\n" +
                "2024-05-02T10:00:00.123456Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=failed\n");
            Assert.Equal(2, summary.RecentErrorCount);
            Assert.Equal(new int?[] { 3, 4 }, summary.RecentErrors.Select(e => e.LineNumber));
            Assert.Equal(new System.DateTime(2024, 5, 2, 10, 0, 0).AddTicks(1234560), summary.Newest);
        }

        [Fact]
        public void AgentLog_OldFormat_IsUnderstoodToo()
        {
            var summary = LogScanner.ForAgentLog().Scan(
                "2018/11/20 10:02:11.418220 INFO Azure Linux Agent Version:2.2.32\n" +
                "2018/11/20 10:02:17.296542 ERROR ExtHandler Unable to connect to wire server\n" +
                "2018/11/20 10:05:17.514800 INFO ExtHandler Agent WALinuxAgent-2.2.32 is running as the goal state agent\n");
            Assert.Equal(1, summary.RecentErrorCount);
            Assert.Equal("2.2.32", summary.GoalStateVersion);
            Assert.Equal(3, summary.GoalStateLine!.LineNumber);
            Assert.Equal(new System.DateTime(2018, 11, 20, 10, 5, 17).AddTicks(5148000), summary.Newest);
        }

        [Fact]
        public void ExtensionLog_ErrorLevelTracebacksAndExceptions()
        {
            var summary = LogScanner.ForExtensionLog().Scan(
                "2024-05-02 02:30:12.118421 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0]try_parse_context\n" +
                "2024-05-02 02:30:40.512977 [x]2024/05/02 02:30:40.512800  Error  Failed to take snapshot\n" +
                "2024-05-02 02:30:40.600000 [x]Traceback (most recent call last):\n" +
                "2024-05-02 02:30:41.000000 [x]isanysnapshotfailed = False\n");
            Assert.Equal(2, summary.RecentErrorCount);
        }

        [Fact]
        public void KeepsOnlyTheNewestErrors_AndRedactsSecrets()
        {
            var text = string.Concat(Enumerable.Range(1, 8).Select(i =>
                $"2024-05-02T10:00:0{i}.000000Z ERROR ExtHandler ExtHandler GET https://acct.blob.core.windows.net/c/b?sv=2020&sig=SECRET{i}%3D&se=x failed\n"));
            var summary = LogScanner.ForAgentLog().Scan(text);
            Assert.Equal(8, summary.RecentErrorCount);
            Assert.Equal(LogScanner.MaxKeptErrors, summary.RecentErrors.Count);
            Assert.Equal(8, summary.RecentErrors.Last().LineNumber);
            Assert.All(summary.RecentErrors, e => Assert.DoesNotContain("SECRET", e.Text));
            Assert.All(summary.RecentErrors, e => Assert.Contains("sig=REDACTED", e.Text));
        }

        [Fact]
        public void LargeLog_ReadsTheEnd_WithoutLineNumbers()
        {
            var big = new StringBuilder();
            while (big.Length < RootLimits.LogTailBytes + 1000)
            {
                big.Append("2024-05-01T10:00:00.000000Z INFO ExtHandler ExtHandler filler line with some text in it\n");
            }

            big.Append("2024-05-02T10:00:00.000000Z ERROR ExtHandler ExtHandler the last error\n");
            using var temp = new TempRoot().Write("var/log/waagent.log", big.ToString());
            using var root = new FolderLinuxRoot(temp.Path);
            var fact = LogScanner.ForAgentLog().Read(root, "var/log/waagent.log");
            Assert.True(fact.Value!.Truncated);
            Assert.Null(fact.Value.RecentErrors.Single().LineNumber);
            Assert.StartsWith("/var/log/waagent.log (end of file):", fact.Value.RecentErrors.Single().Evidence("/var/log/waagent.log"));
        }

        [Fact]
        public void BinaryLog_IsMalformed()
        {
            using var temp = new TempRoot().Write("var/log/waagent.log", new byte[] { 0x32, 0x30, 0x00, 0x01 });
            using var root = new FolderLinuxRoot(temp.Path);
            var fact = LogScanner.ForAgentLog().Read(root, "var/log/waagent.log");
            Assert.Equal(FactStatus.Malformed, fact.Status);
            Assert.Contains("NUL byte", fact.Problem);
        }
    }
}
