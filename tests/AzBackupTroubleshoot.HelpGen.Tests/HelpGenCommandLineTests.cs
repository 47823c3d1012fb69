using static AzBackupTroubleshoot.HelpGen.Tests.SampleHelpDocs;

namespace AzBackupTroubleshoot.HelpGen.Tests
{
    public class HelpGenCommandLineTests
    {
        private static (int ExitCode, string Out, string Err) Run(params string[] args)
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int code = HelpGenCommandLine.Run(args, stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }

        private static TempFolder WithDocs()
        {
            var temp = new TempFolder();
            temp.WriteFile("docs/Test-AzBackupAgentHealth.md", Command);
            temp.WriteFile("docs/about_AzBackupTroubleshoot.md", About);
            return temp;
        }

        [Fact]
        public void Generate_ThenCheck_IsUpToDate()
        {
            using TempFolder temp = WithDocs();
            string docs = temp.Combine("docs");
            string output = temp.Combine("en-US");

            var generated = Run("--docs", docs, "--out", output);
            var check = Run("--docs", docs, "--out", output, "--check");

            Assert.Equal(HelpGenCommandLine.Success, generated.ExitCode);
            Assert.Contains("wrote " + Path.Combine(output, "AzBackupTroubleshoot.dll-Help.xml"), generated.Out);
            Assert.Contains("wrote " + Path.Combine(output, "about_AzBackupTroubleshoot.help.txt"), generated.Out);
            Assert.Equal(HelpGenCommandLine.Success, check.ExitCode);
            Assert.Equal(string.Empty, check.Err);
            Assert.Contains("2 file(s)", check.Out);
        }

        [Fact]
        public void Check_AfterTheDocsChange_ReportsTheStaleFileAndWritesNothing()
        {
            using TempFolder temp = WithDocs();
            string docs = temp.Combine("docs");
            string output = temp.Combine("en-US");
            Run("--docs", docs, "--out", output);
            string before = File.ReadAllText(Path.Combine(output, "AzBackupTroubleshoot.dll-Help.xml"));
            temp.WriteFile("docs/Test-AzBackupAgentHealth.md", ReplaceOnce(Command, "Returns passed checks too.", "Also returns the checks that passed."));

            var check = Run("--docs", docs, "--out", output, "--check");

            Assert.Equal(HelpGenCommandLine.Stale, check.ExitCode);
            Assert.StartsWith("stale: " + Path.Combine(output, "AzBackupTroubleshoot.dll-Help.xml") + "\n", check.Err);
            Assert.DoesNotContain("about_AzBackupTroubleshoot", check.Err);
            Assert.Equal(before, File.ReadAllText(Path.Combine(output, "AzBackupTroubleshoot.dll-Help.xml")));
        }

        [Fact]
        public void Check_WithAMissingFile_ReportsIt()
        {
            using TempFolder temp = WithDocs();
            string output = temp.Combine("en-US");
            Run("--docs", temp.Combine("docs"), "--out", output);
            File.Delete(Path.Combine(output, "about_AzBackupTroubleshoot.help.txt"));

            var check = Run("--docs", temp.Combine("docs"), "--out", output, "--check");

            Assert.Equal(HelpGenCommandLine.Stale, check.ExitCode);
            Assert.StartsWith("missing: " + Path.Combine(output, "about_AzBackupTroubleshoot.help.txt") + "\n", check.Err);
        }

        [Fact]
        public void MalformedDoc_ExitsTwoWithFileLineAndWritesNothing()
        {
            using TempFolder temp = WithDocs();
            string output = temp.Combine("en-US");
            Run("--docs", temp.Combine("docs"), "--out", output);
            string aboutBefore = File.ReadAllText(Path.Combine(output, "about_AzBackupTroubleshoot.help.txt"));
            string bad = ReplaceOnce(Command, "## SYNOPSIS\nChecks why Azure Backup cannot take a snapshot of a VM.\n\n", string.Empty);
            string badPath = temp.WriteFile("docs/Test-AzBackupAgentHealth.md", bad);
            temp.WriteFile("docs/about_AzBackupTroubleshoot.md", About.Replace("Every check can run", "Each check can run"));

            var result = Run("--docs", temp.Combine("docs"), "--out", output);

            Assert.Equal(HelpGenCommandLine.InvalidDocs, result.ExitCode);
            Assert.Equal(
                $"{badPath}:{LineOf(bad, "# Test-AzBackupAgentHealth")}: missing section '## SYNOPSIS'\nhelpgen: 1 problem(s) in the docs; nothing written\n",
                result.Err);
            Assert.Equal(aboutBefore, File.ReadAllText(Path.Combine(output, "about_AzBackupTroubleshoot.help.txt")));
            Assert.Equal(2, Directory.GetFiles(output).Length);
        }

        [Fact]
        public void MalformedDoc_OnAFreshOutput_CreatesNoFolder()
        {
            using TempFolder temp = WithDocs();
            temp.WriteFile("docs/about_AzBackupTroubleshoot.md", About.Replace("# SHORT DESCRIPTION", "# SHORT"));

            var result = Run("--docs", temp.Combine("docs"), "--out", temp.Combine("en-US"));

            Assert.Equal(HelpGenCommandLine.InvalidDocs, result.ExitCode);
            Assert.False(Directory.Exists(temp.Combine("en-US")));
        }

        [Theory]
        [InlineData("--docs", "d")]
        [InlineData("--docs", "d", "--out", "o", "--force")]
        [InlineData("--out")]
        public void BadArguments_ExitWithUsage(params string[] args)
        {
            var result = Run(args);

            Assert.Equal(HelpGenCommandLine.Usage, result.ExitCode);
            Assert.Contains("usage: AzBackupTroubleshoot.HelpGen --docs <dir> --out <dir> [--check]", result.Err);
        }

        [Fact]
        public void MissingDocsFolder_IsAnIOError()
        {
            using var temp = new TempFolder();

            var result = Run("--docs", temp.Combine("nope"), "--out", temp.Combine("en-US"));

            Assert.Equal(HelpGenCommandLine.IOError, result.ExitCode);
            Assert.Contains("cannot read docs", result.Err);
        }
    }
}
