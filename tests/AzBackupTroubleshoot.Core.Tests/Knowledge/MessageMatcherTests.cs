using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    public class MessageMatcherTests
    {
        [Fact]
        public void Words_fold_case_accents_punctuation_and_seed_artefacts()
        {
            Assert.Equal(new[] { "operacion", "the", "to", "perform" }, MessageMatcher.Words("Operación de hello tooperform").Where(w => w != "de"));
            Assert.Equal(new[] { "vm", "agent", "to", "communicate" }, MessageMatcher.Words("VM-Agent  toocommunicate!"));
        }

        [Fact]
        public void Score_is_the_share_of_known_words_present()
        {
            Assert.Equal(1.0, MessageMatcher.Score("x VM agent unable to communicate with Azure Backup y", "VM Agent unable to communicate with Azure Backup"));
            Assert.True(MessageMatcher.Score("VM agent", "VM Agent unable to communicate with Azure Backup") < MessageMatcher.Threshold);
            Assert.Equal(0, MessageMatcher.Score("anything", "the of to"));
        }
    }
}
