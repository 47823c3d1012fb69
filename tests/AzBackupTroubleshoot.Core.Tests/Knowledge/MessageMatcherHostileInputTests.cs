using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    /// <summary>
    /// Hostile-input case (issue 11): a lone surrogate in a pasted message made Unicode normalisation throw, which stopped
    /// a whole Get-AzBackupFailureCause pipeline. The matcher folds it like any other non-letter.
    /// </summary>
    public class MessageMatcherHostileInputTests
    {
        [Fact]
        public void A_lone_surrogate_does_not_throw_and_the_rest_of_the_text_still_matches()
        {
            // Built in code: xunit's theory data would turn a lone surrogate into U+FFFD on its way to the test.
            const string text = "VM Agent unable to communicate with Azure Backup";
            foreach (var message in new[] { text.Insert(15, "\uD800"), text + "\uDFFF", "\uDC00" + text, text + " \uD83D", text.Insert(3, "\uDE00\uD83D") })
            {
                Assert.True(MessageMatcher.HasLoneSurrogate(message));
                Assert.Equal(new[] { "vm", "agent", "unable" }, MessageMatcher.Words(message).Take(3));
                Assert.Equal(1.0, MessageMatcher.Score(message, text));
            }
        }

        [Fact]
        public void Finding_a_message_with_a_lone_surrogate_does_not_throw()
        {
            Assert.NotNull(KnowledgeBase.Default.FindByMessage("VM Agent unable to communicate with Azure Backup \uD83D"));
            Assert.True(MessageMatcher.HasLoneSurrogate("a\uD83Db"));
            Assert.True(MessageMatcher.HasLoneSurrogate("a\uDE00"));
            Assert.False(MessageMatcher.HasLoneSurrogate("a\uD83D\uDE00b"));
        }
    }
}
