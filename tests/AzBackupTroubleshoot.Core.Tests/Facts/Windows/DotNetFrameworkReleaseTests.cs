using AzBackupTroubleshoot.Core.Facts.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Windows
{
    public class DotNetFrameworkReleaseTests
    {
        [Theory]
        [InlineData(378389u, "4.5")]
        [InlineData(378758u, "4.5.1")]
        [InlineData(393297u, "4.6")]
        [InlineData(461814u, "4.7.2")]
        [InlineData(528049u, "4.8")]
        [InlineData(533325u, "4.8.1")]
        public void Names_the_version_by_the_documented_minimum_values(uint release, string name) =>
            Assert.Equal(name, DotNetFrameworkRelease.Name(release));

        [Fact]
        public void Below_4_5_has_no_name() => Assert.Null(DotNetFrameworkRelease.Name(378388));
    }
}
