using System.Linq;
using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    /// <summary>
    /// Hostile-input case (issue 11): a lone surrogate in a pasted message made Unicode normalisation throw, which stopped
    /// a whole Get-AzBackupFailureCause pipeline. The matcher folds it like any other non-letter.
    /// </summary>
    public class MessageMatcherHostileInputTests
    {
        [Theory]
        [InlineData("VM Agent unable\uD800 to communicate with Azure Backup")]
        [InlineData("VM Agent unable to communicate with Azure Backup\uDFFF")]
        [InlineData("\uDC00VM Agent unable to communicate with Azure Backup")]
        [InlineData("VM Agent unable to communicate with Azure Backup \uD83D")]
        public void A_lone_surrogate_does_not_throw_and_the_rest_of_the_text_still_matches(string message)
        {
            Assert.Equal(new[] { "vm", "agent", "unable" }, MessageMatcher.Words(message).Take(3));
            Assert.Equal(1.0, MessageMatcher.Score(message, "VM Agent unable to communicate with Azure Backup"));
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
