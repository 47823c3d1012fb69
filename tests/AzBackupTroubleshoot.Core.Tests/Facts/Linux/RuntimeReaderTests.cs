using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class RuntimeReaderTests
    {
        private static RuntimeFacts Read(TempRoot temp)
        {
            using var root = new FolderLinuxRoot(temp.Path);
            return new RuntimeReader().Read(root, CapturedFactsFile.Read(root, isLive: false), "/var/lib/waagent", "Prod");
        }

        [Fact]
        public void OsRelease_QuotedValues_AndAMalformedLineIsNamed()
        {
            using var temp = new TempRoot().Write("etc/os-release", "# c\nNAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID='24.04'\n");
            var os = Read(temp).OsRelease.Value!;
            Assert.Equal(("ubuntu", "24.04"), (os.Id, os.VersionId));
            Assert.True(os.IsLike("debian"));

            temp.Write("etc/os-release", "ID=ubuntu\nthis is not a pair\n");
            Assert.Equal("line 2 is not KEY=value", Read(temp).OsRelease.Problem);
        }

        [Fact]
        public void Python_FromTheLink_ElseTheHighestLibraryFolder()
        {
            using var temp = new TempRoot().Link("usr/bin/python3", "python3.12");
            var python = Read(temp).Python;
            Assert.Equal("3.12", python.Version!.ToString());
            Assert.Equal("/usr/bin/python3 -> python3.12", python.Evidence[0]);

            using var folders = new TempRoot().Write("usr/lib/python3.9/os.py", "").Write("usr/lib/python3.13/os.py", "").Write("usr/lib/python3/dist-packages/x", "");
            Assert.Equal("3.13", Read(folders).Python.Version!.ToString());

            using var none = new TempRoot();
            Assert.Null(Read(none).Python.Version);
            Assert.NotNull(Read(none).Python.Missing);
        }

        [Fact]
        public void Dpkg_FindsTheAgentStanza_AndRejectsALineThatIsNotAField()
        {
            using var temp = new TempRoot().Write("var/lib/dpkg/status",
                "Package: a\nStatus: install ok installed\n\nPackage: walinuxagent\nStatus: deinstall ok config-files\nVersion: 2.2.45\nDescription: x\n more\n");
            var dpkg = Read(temp).Dpkg.Value!;
            Assert.Equal((2, "deinstall ok config-files", 4), (dpkg.Packages, dpkg.AgentStatus, dpkg.AgentLine));
            Assert.False(dpkg.AgentInstalled);

            temp.Write("var/lib/dpkg/status", "Package: a\nnot a field line\n");
            Assert.Equal("line 2 is not a 'Field: value' line", Read(temp).Dpkg.Problem);
        }

        [Fact]
        public void Selinux_ModeAndTheAgentsLocalPolicy()
        {
            using var temp = new TempRoot().Write("etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n")
                .Write("var/lib/selinux/targeted/active/modules/400/waagent/cil", "x")
                .Write("etc/selinux/targeted/contexts/files/file_contexts.local", "/var/lib/waagent(/.*)?    system_u:object_r:bin_t:s0\n");
            var selinux = Read(temp).Selinux;
            Assert.Equal("enforcing", selinux.Config.Value!.Mode);
            Assert.Equal(new[] { "/var/lib/selinux/targeted/active/modules/400/waagent (policy module)", "/etc/selinux/targeted/contexts/files/file_contexts.local line 1: /var/lib/waagent(/.*)?    system_u:object_r:bin_t:s0" }, selinux.WaagentPolicy);

            temp.Write("etc/selinux/config", "SELINUX=sometimes\n");
            Assert.Equal("line 1: SELINUX=sometimes is not enforcing, permissive or disabled", Read(temp).Selinux.Config.Problem);
        }

        [Fact]
        public void OfferedAgent_NewestNumberedConfig_NoDtd_AndABadVersionIsNamed()
        {
            const string Xml = "<Extensions><GuestAgentExtension><GAFamilies><GAFamily><Name>Test</Name><Version>9.9</Version></GAFamily><GAFamily><Name>Prod</Name><Version>{0}</Version></GAFamily></GAFamilies></GuestAgentExtension></Extensions>";
            using var temp = new TempRoot()
                .Write("var/lib/waagent/ExtensionsConfig.2.xml", string.Format(Xml, "2.9.1.1"))
                .Write("var/lib/waagent/ExtensionsConfig.10.xml", string.Format(Xml, "2.12.0.4"));
            var offered = Read(temp).OfferedAgent;
            Assert.Equal("/var/lib/waagent/ExtensionsConfig.10.xml", offered.Path);
            Assert.Equal("2.12.0.4", offered.Value!.Version!.ToString());

            temp.Write("var/lib/waagent/ExtensionsConfig.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Extensions>&e;</Extensions>");
            Assert.StartsWith("is not well-formed XML", Read(temp).OfferedAgent.Problem);

            temp.Write("var/lib/waagent/ExtensionsConfig.xml", string.Format(Xml, "latest"));
            Assert.Equal("GAFamily Prod has Version 'latest', not a version number", Read(temp).OfferedAgent.Problem);
        }
    }
}
