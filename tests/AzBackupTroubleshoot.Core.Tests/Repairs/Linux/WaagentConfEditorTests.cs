using AzBackupTroubleshoot.Core.Repairs.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Repairs.Linux
{
    public class WaagentConfEditorTests
    {
        private readonly WaagentConfEditor _editor = new WaagentConfEditor();

        [Theory]
        [InlineData("# c\nExtensions.Enabled=n\nLogs.Verbose=n\n", "# c\nExtensions.Enabled=y\nLogs.Verbose=n\n")]
        [InlineData("Extensions.Enabled = n   # turned off by ops\n", "Extensions.Enabled = y   # turned off by ops\n")]
        [InlineData("Extensions.Enabled=\"n\"\n", "Extensions.Enabled=y\n")]
        [InlineData("Extensions.Enabled=n\r\nLogs.Verbose=n\r\n", "Extensions.Enabled=y\r\nLogs.Verbose=n\r\n")]
        [InlineData("Extensions.Enabled=y\nExtensions.Enabled=n\n", "Extensions.Enabled=y\nExtensions.Enabled=y\n")]
        [InlineData("Extensions.Enabled=#none\n", "Extensions.Enabled=y #none\n")]
        public void ChangesTheAssignmentTheAgentReads_InPlace(string before, string after)
        {
            Assert.Equal(after, _editor.Set(before, "Extensions.Enabled", "y", out var changed));
            Assert.True(changed);
        }

        [Theory]
        [InlineData("A=1\n# AutoUpdate.Enabled=y\nB=2\n", "A=1\n# AutoUpdate.Enabled=y\nAutoUpdate.Enabled=y\nB=2\n")]
        [InlineData("A=1\r\n#AutoUpdate.Enabled=n\r\nB=2\r\n", "A=1\r\n#AutoUpdate.Enabled=n\r\nAutoUpdate.Enabled=y\r\nB=2\r\n")]
        [InlineData("A=1\n", "A=1\nAutoUpdate.Enabled=y\n")]
        [InlineData("A=1", "A=1\nAutoUpdate.Enabled=y\n")]
        public void MissingKey_GoesAfterItsTemplateOrAtTheEnd(string before, string after) =>
            Assert.Equal(after, _editor.Set(before, "AutoUpdate.Enabled", "y", out _));

        [Theory]
        [InlineData("Logs.Verbose=y\n")]
        [InlineData("Logs.Verbose=Y # yes\n")]
        [InlineData("Logs.Verbose=n\nLogs.Verbose=y\n")]
        public void AlreadySet_ReturnsTheSameText(string text)
        {
            Assert.Same(text, _editor.Set(text, "Logs.Verbose", "y", out var changed));
            Assert.False(changed);
        }
    }
}
