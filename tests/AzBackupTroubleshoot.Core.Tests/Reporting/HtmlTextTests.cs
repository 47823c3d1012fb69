using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Core.Reporting;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    public class HtmlTextTests
    {
        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("<script>", "&lt;script&gt;")]
        [InlineData("a \"b\" 'c' & d", "a &quot;b&quot; &#39;c&#39; &amp; d")]
        [InlineData("tab\tand\nnew line", "tab\tand\nnew line")]
        [InlineData("bell\u0007 nul\u0000 c1\u0085", "bell\uFFFD nul\uFFFD c1\uFFFD")]
        [InlineData("", "")]
        [InlineData(null, "")]
        public void Encodes_markup_and_replaces_control_characters(string? text, string expected)
        {
            Assert.Equal(expected, HtmlText.Encode(text));
        }

        [Theory]
        [InlineData(Cause.NoNetworkAccess, "No network access")]
        [InlineData(Cause.ResourceGroupLocked, "Resource group locked")]
        [InlineData(Cause.AgentMisconfigured, "Agent misconfigured")]
        public void Spells_causes_as_words(Cause cause, string expected)
        {
            Assert.Equal(expected, CauseLabel.For(cause));
        }
    }
}
