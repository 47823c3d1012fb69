using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class ComponentVersionTests
    {
        [Theory]
        [InlineData("2.2.53.1", "2.2.53.1", 0)]
        [InlineData("2.2.53", "2.2.53.0", 0)]
        [InlineData("2.2.52", "2.2.53.1", -1)]
        [InlineData("2.10.0.8", "2.9.1.1", 1)]
        [InlineData("1.0.9184.0", "1.0.91.0", 1)]
        public void ComparesPartByPart(string a, string b, int sign) =>
            Assert.Equal(sign, System.Math.Sign(ComponentVersion.Parse(a).CompareTo(ComponentVersion.Parse(b))));

        [Theory]
        [InlineData("")]
        [InlineData("2.2.x")]
        [InlineData("2..2")]
        [InlineData("-1.0")]
        [InlineData("99999999999.1")]
        public void RejectsNonVersions(string text) => Assert.Null(ComponentVersion.TryParse(text));

        [Fact]
        public void EqualVersionsHashAlike() =>
            Assert.Equal(ComponentVersion.Parse("2.2.53").GetHashCode(), ComponentVersion.Parse("2.2.53.0").GetHashCode());
    }
}
