using AzBackupTroubleshoot.Core.Knowledge;

namespace AzBackupTroubleshoot.Core.Tests.Knowledge
{
    public class EditDistanceTests
    {
        [Theory]
        [InlineData("", "", 0)]
        [InlineData("abc", "", 3)]
        [InlineData("kitten", "sitting", 3)]
        [InlineData("Extention", "extension", 1)]
        public void Counts_single_character_edits_case_insensitively(string a, string b, int expected)
        {
            Assert.Equal(expected, EditDistance.Between(a, b));
            Assert.Equal(expected, EditDistance.Between(b, a));
        }
    }
}
