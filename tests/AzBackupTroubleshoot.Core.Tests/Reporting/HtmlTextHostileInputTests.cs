using AzBackupTroubleshoot.Core.Reporting;

namespace AzBackupTroubleshoot.Core.Tests.Reporting
{
    /// <summary>
    /// Hostile-input case (issue 11): direction overrides and isolates reached the HTML report as they are, so a target
    /// name or log line could show reversed text ("gol.exe" as "exe.log"). They are shown as visible escapes.
    /// </summary>
    public class HtmlTextHostileInputTests
    {
        [Theory]
        [InlineData("vm-\u202Egol.exe", "vm-\\u202Egol.exe")]
        [InlineData("a\u202Ab\u202Bc\u202Cd\u202De", "a\\u202Ab\\u202Bc\\u202Cd\\u202De")]
        [InlineData("\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069")]
        [InlineData("left\u200Eright\u200F", "left\\u200Eright\\u200F")]
        [InlineData("<b>\u202E</b>", "&lt;b&gt;\\u202E&lt;/b&gt;")]
        public void Bidi_controls_are_shown_as_visible_escapes(string text, string expected)
        {
            var encoded = HtmlText.Encode(text);
            Assert.Equal(expected, encoded);
            foreach (var c in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F")
            {
                Assert.DoesNotContain(c.ToString(), encoded, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Right_to_left_text_itself_is_left_alone()
        {
            Assert.Equal("\u05E9\u05DC\u05D5\u05DD and \u0645\u0631\u062D\u0628\u0627", HtmlText.Encode("\u05E9\u05DC\u05D5\u05DD and \u0645\u0631\u062D\u0628\u0627"));
        }
    }
}
