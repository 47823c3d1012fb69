using AzBackupTroubleshoot.Core.Platform;

namespace AzBackupTroubleshoot.Core.Tests.Platform
{
    public class ArgumentQuotingTests
    {
        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("", "\"\"")]
        [InlineData("two words", "\"two words\"")]
        [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
        [InlineData("C:\\dir\\", "\"C:\\dir\\\\\"")]
        public void Quotes_only_what_needs_it(string argument, string expected)
        {
            Assert.Equal(expected, ArgumentQuoting.Quote(argument));
        }

        [Fact]
        public async System.Threading.Tasks.Task Arguments_arrive_unchanged_in_a_real_process()
        {
            var args = new[] { "a b", "quote\"inside", "back\\slash\\", "", "$HOME", "semi;colon" };
            var result = await new ProcessCommandRunner().RunAsync("printf", new[] { "%s\\n" }.Concat(args).ToArray(), null, default);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(string.Join("\n", args) + "\n", result.StandardOutput);
        }
    }
}
