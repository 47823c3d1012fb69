using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    public class CimFolderSecuritySourceTests
    {
        /// <summary>A machine with one folder whose GetSecurityDescriptor answers with <c>output</c>; it records the queries.</summary>
        private sealed class OneFolderGateway : ICimGateway
        {
            private readonly string _path;
            private readonly IReadOnlyDictionary<string, object?> _output;

            public OneFolderGateway(string path, IReadOnlyDictionary<string, object?> output)
            {
                _path = path;
                _output = output;
            }

            public List<string> Queries { get; } = new List<string>();

            public string ComputerName => "vm-cim";

            public bool IsLocal => false;

            public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
            {
                Queries.Add($"{cimNamespace}:{className} WHERE {whereClause}");
                return whereClause == $"Path='{_path.Replace("\\", "\\\\")}'"
                    ? new[] { new CimObject(cimNamespace, className, new Dictionary<string, object?> { ["Path"] = _path }) }
                    : Array.Empty<CimObject>();
            }

            public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
                instance.ClassName == "Win32_LogicalFileSecuritySetting" && methodName == "GetSecurityDescriptor" && instance.GetString("Path") == _path
                    ? _output
                    : throw new InvalidOperationException($"unexpected {instance.ClassName}.{methodName}");

            public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("no static methods here");

            public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) => throw new InvalidOperationException("read-only");

            public void DeleteInstance(CimObject instance, CancellationToken cancellationToken) => throw new InvalidOperationException("read-only");
        }

        private const string Keys = @"C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys";

        private static FolderSecurityRecord Read(IReadOnlyDictionary<string, object?> output, string path = Keys) =>
            new CimFolderSecuritySource(new OneFolderGateway(Keys, output)).Read(path, CancellationToken.None);

        private static Dictionary<string, object?> Answer(object? descriptor, uint returnValue = 0) =>
            new Dictionary<string, object?> { ["ReturnValue"] = returnValue, ["Descriptor"] = descriptor };

        [Fact]
        public void Writes_the_returned_Win32_SecurityDescriptor_as_SDDL_that_parses_back_to_the_same_rights()
        {
            var record = Read(Answer(SecurityDescriptorInstances.FromSddl("O:SYG:SYD:PAI(A;;0x12019f;;;WD)(A;;FA;;;BA)")));
            Assert.True(record.Exists);
            Assert.Equal("O:S-1-5-18G:S-1-5-18D:P(A;;0x12019f;;;S-1-1-0)(A;;0x1f01ff;;;S-1-5-32-544)", record.Sddl);
            var sd = SddlParser.Parse(record.Sddl!);
            Assert.Equal(0x12019Fu, sd.EffectiveRights(new[] { WellKnownSids.Everyone }, AceScope.Folder));
            Assert.Equal(FileRights.FullControl, sd.EffectiveRights(new[] { WellKnownSids.Administrators }, AceScope.Folder));
        }

        [Fact]
        public void Keeps_deny_entries_and_inheritance_flags_and_reads_a_binary_SID_when_SIDString_is_empty()
        {
            var user = "S-1-5-21-1004336348-1177238915-682003330-1001";
            var descriptor = new CimObject("root/cimv2", "Win32_SecurityDescriptor", new Dictionary<string, object?>
            {
                ["ControlFlags"] = 0x8404u,
                ["Owner"] = SecurityDescriptorInstances.Trustee(user, withSidString: false),
                ["DACL"] = new object?[]
                {
                    new CimObject("root/cimv2", "Win32_ACE", new Dictionary<string, object?> { ["AccessMask"] = 0xC0000u, ["AceFlags"] = 0x13u, ["AceType"] = 1u, ["Trustee"] = SecurityDescriptorInstances.Trustee(WellKnownSids.Everyone) }),
                    new CimObject("root/cimv2", "Win32_ACE", new Dictionary<string, object?> { ["AccessMask"] = 0x1F01FFu, ["AceFlags"] = 0x0Bu, ["AceType"] = 0u, ["Trustee"] = SecurityDescriptorInstances.Trustee(user, withSidString: false) }),
                },
            });
            Assert.Equal($"O:{user}D:AI(D;OICIID;0xc0000;;;S-1-1-0)(A;OICIIO;0x1f01ff;;;{user})", Read(Answer(descriptor)).Sddl);
        }

        [Fact]
        public void A_descriptor_without_a_DACL_is_NO_ACCESS_CONTROL()
        {
            var descriptor = new CimObject("root/cimv2", "Win32_SecurityDescriptor", new Dictionary<string, object?> { ["ControlFlags"] = 0x8000u, ["DACL"] = null });
            Assert.Equal("D:NO_ACCESS_CONTROL", Read(Answer(descriptor)).Sddl);
            Assert.True(SddlParser.Parse("D:NO_ACCESS_CONTROL").NullDacl);
        }

        [Fact]
        public void A_folder_with_no_security_setting_instance_does_not_exist_and_the_query_names_it_escaped()
        {
            var gateway = new OneFolderGateway(Keys, Answer(null));
            var record = new CimFolderSecuritySource(gateway).Read(@"C:\Packages", CancellationToken.None);
            Assert.False(record.Exists);
            Assert.Null(record.NotRunReason);
            Assert.Equal(@"root/cimv2:Win32_LogicalFileSecuritySetting WHERE Path='C:\\Packages'", Assert.Single(gateway.Queries));
        }

        [Theory]
        [InlineData(2u, "returned 2 (access denied: run as an administrator)")]
        [InlineData(9u, "returned 9 (privilege missing)")]
        public void A_failing_GetSecurityDescriptor_throws_with_its_return_code(uint code, string expected)
        {
            var error = Assert.Throws<InvalidOperationException>(() => Read(Answer(null, code)));
            Assert.Contains(@"GetSecurityDescriptor for C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys " + expected, error.Message);
        }

        [Fact]
        public void A_missing_descriptor_or_an_audit_entry_in_the_DACL_is_an_error()
        {
            Assert.Contains("returned no Descriptor", Assert.Throws<InvalidOperationException>(() => Read(Answer(null))).Message);
            var audit = new CimObject("root/cimv2", "Win32_SecurityDescriptor", new Dictionary<string, object?>
            {
                ["ControlFlags"] = 0x8004u,
                ["DACL"] = new object?[] { new CimObject("root/cimv2", "Win32_ACE", new Dictionary<string, object?> { ["AccessMask"] = 1u, ["AceFlags"] = 0u, ["AceType"] = 2u, ["Trustee"] = SecurityDescriptorInstances.Trustee(WellKnownSids.Everyone) }) },
            });
            Assert.Contains("AceType 2, not 0 (allow) or 1 (deny)", Assert.Throws<FormatException>(() => Read(Answer(audit))).Message);
        }
    }
}
