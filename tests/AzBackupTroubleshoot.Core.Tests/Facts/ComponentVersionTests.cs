using AzBackupTroubleshoot.Core.Facts;

namespace AzBackupTroubleshoot.Core.Tests.Facts
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

        [Theory]
        [InlineData("2.2.53", "2.2.53.0", false, true, true)]
        [InlineData("2.2.52", "2.2.53.1", true, false, false)]
        [InlineData("2.10.0.8", "2.9.1.1", false, true, false)]
        public void OperatorsAgreeWithCompareTo(string a, string b, bool less, bool greaterOrEqual, bool equal)
        {
            var (x, y) = (ComponentVersion.Parse(a), ComponentVersion.Parse(b));
            Assert.Equal((less, greaterOrEqual, equal, !equal), (x < y, x >= y, x == y, x != y));
            Assert.Equal((!less && !equal, less || equal), (x > y, x <= y));
        }

        [Fact]
        public void NullIsOlderThanAnyVersionAndEqualToNull()
        {
            ComponentVersion? none = null;
            var some = ComponentVersion.Parse("0");
            Assert.True(none < some);
            Assert.False(some < none);
            Assert.True(none == null);
            Assert.True(some != none);
        }

        [Fact]
        public void EqualVersionsHashAlike() =>
            Assert.Equal(ComponentVersion.Parse("2.2.53").GetHashCode(), ComponentVersion.Parse("2.2.53.0").GetHashCode());
    }
}
