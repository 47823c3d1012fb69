using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Tests.Checks
{
    public class CheckCatalogTests
    {
        [Fact]
        public void Ids_are_unique_and_prefixed_by_their_platform()
        {
            var ids = CheckCatalog.All.Select(c => c.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(CheckCatalog.All, c => Assert.Matches("^(Linux|Windows|Host|Network|Azure)\\.[A-Za-z0-9]+$", c.Id));
            Assert.All(CheckCatalog.All.Where(c => c.Platform == CheckPlatform.Linux), c => Assert.StartsWith("Linux.", c.Id));
            Assert.All(CheckCatalog.All.Where(c => c.Platform == CheckPlatform.Azure), c => Assert.StartsWith("Azure.", c.Id));
        }

        [Fact]
        public void Every_constant_is_in_the_catalog()
        {
            var constants = typeof(CheckCatalog).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
            Assert.Equal(constants.OrderBy(x => x), CheckCatalog.All.Select(c => c.Id).OrderBy(x => x));
            Assert.Equal(CheckCatalog.LinuxAgentVersion, CheckCatalog.Find("linux.agentversion")?.Id);
            Assert.Null(CheckCatalog.Find("Nope"));
        }
    }
}
