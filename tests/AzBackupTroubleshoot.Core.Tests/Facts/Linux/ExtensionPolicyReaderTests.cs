using AzBackupTroubleshoot.Core.Facts.Linux;
using AzBackupTroubleshoot.Core.Sources.Linux;
using AzBackupTroubleshoot.Core.Tests.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Tests.Facts.Linux
{
    public class ExtensionPolicyReaderTests
    {
        private const string Name = "Microsoft.Azure.RecoveryServices.VMSnapshotLinux";

        [Fact]
        public void AllowListWithoutTheExtension_BlocksIt_NamesCompareCaseInsensitively()
        {
            var blocked = ExtensionPolicyReader.Parse("{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"allowListedExtensionsOnly\":true,\"extensions\":{\"Microsoft.Azure.Monitor.AzureMonitorLinuxAgent\":{}}}}");
            Assert.Null(blocked.InvalidReason);
            Assert.False(blocked.Allows(Name));
            var allowed = ExtensionPolicyReader.Parse("{\"policyVersion\":\"0.1\",\"extensionPolicies\":{\"allowListedExtensionsOnly\":true,\"extensions\":{\"microsoft.azure.recoveryservices.vmsnapshotlinux\":{\"runtimePolicy\":{\"a\":1}}}}}");
            Assert.True(allowed.Allows(Name));
            Assert.True(ExtensionPolicyReader.Parse("{\"policyVersion\":\"0.1.0\"}").Allows(Name));
        }

        [Theory]
        [InlineData("{", "valid json")]
        [InlineData("[]", "expected an object")]
        [InlineData("{\"extensionPolicies\":{}}", "policyVersion")]
        [InlineData("{\"policyVersion\":\"1.0.0\"}", "not supported")]
        [InlineData("{\"policyVersion\":\"0.1.x\"}", "invalid value")]
        [InlineData("{\"policyVersion\":\"0.1.0\",\"extra\":1}", "unrecognized attribute 'extra'")]
        [InlineData("{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"allowListedExtensionsOnly\":\"yes\"}}", "must be booleans")]
        [InlineData("{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"extensions\":{\"A.B\":true}}}", "must be 'object'")]
        [InlineData("{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"extensions\":{\"A.B\":{\"other\":1}}}}", "unrecognized attribute 'other'")]
        public void InvalidPolicies_BlockEveryExtension(string json, string reason)
        {
            var policy = ExtensionPolicyReader.Parse(json);
            Assert.Contains(reason, policy.InvalidReason);
            Assert.False(policy.Allows(Name));
        }

        [Fact]
        public void Enforced_OnlyWithTheSwitchAndTheFile_AtTheConfiguredPath()
        {
            using var temp = new TempRoot().Write("etc/custom/policy.json", "{\"policyVersion\":\"0.1.0\",\"extensionPolicies\":{\"signatureRequired\":false}}");
            using var root = new FolderLinuxRoot(temp.Path);
            var conf = new WaagentConfParser().Parse("Debug.EnableExtensionPolicy=y\nPolicy.PolicyFilePath=/etc/custom/policy.json\n", out _);
            var facts = new ExtensionPolicyReader().Read(root, conf);
            Assert.True(facts.Enforced);
            Assert.True(facts.File.Value!.SignatureRequired);
            Assert.Equal("/etc/custom/policy.json", facts.File.Path);

            var off = new ExtensionPolicyReader().Read(root, new WaagentConfParser().Parse("Policy.PolicyFilePath=/etc/custom/policy.json\n", out _));
            Assert.False(off.Enforced);
            var missing = new ExtensionPolicyReader().Read(root, new WaagentConfParser().Parse("Debug.EnableExtensionPolicy=y\n", out _));
            Assert.False(missing.Enforced);
        }
    }
}
