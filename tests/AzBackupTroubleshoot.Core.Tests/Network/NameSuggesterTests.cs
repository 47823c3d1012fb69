using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    public class NameSuggesterTests
    {
        [Fact]
        public void Lists_the_nearest_names_first_case_insensitively_without_duplicates()
        {
            var close = NameSuggester.Closest("WestEurop", new[] { "northeurope", "westeurope", "WestEurope", "westus", "eastasia" }, 3);

            Assert.Equal(new[] { "westeurope", "westus", "northeurope" }, close); // distances 1, 4, 5
        }

        [Fact]
        public void Takes_no_more_than_asked()
        {
            Assert.Single(NameSuggester.Closest("a", new[] { "b", "c", "d" }, 1));
            Assert.Empty(NameSuggester.Closest("a", new string[0]));
        }
    }
}
