using AzBackupTroubleshoot.Core.Facts.Windows;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Checks.Windows
{
    /// <summary>
    /// <c>Windows.FolderPermissions</c>: the permissions of MachineKeys (companion article, ExtensionConfigParsingFailure:
    /// Everyone (R,W), BUILTIN\Administrators (F)) and of C:\WindowsAzure and C:\Packages (VM assist,
    /// Azure/azure-support-scripts vmassist/windows/vmassist.ps1 at 11c880a5, <c>Test-SystemFullAccess</c>: SYSTEM, through
    /// its own entry or a group in its token, has full control).
    /// </summary>
    internal static class WindowsFolderPermissionChecks
    {
        private const string MachineKeysFix =
            "Reset the MachineKeys permissions to the defaults (companion article, ExtensionConfigParsingFailure): check them with icacls %systemdrive%\\programdata\\microsoft\\crypto\\rsa\\machinekeys; " +
            "in Explorer's advanced security settings of the folder remove every entry but Everyone and BUILTIN\\Administrators, give Administrators Full control and give Everyone, on this folder only, " +
            "List folder/read data, Read attributes, Read extended attributes, Create files/write data, Create folders/append data, Write attributes, Write extended attributes and Read permissions. " +
            "(The same with icacls, our equivalent, not the article's: icacls %systemdrive%\\programdata\\microsoft\\crypto\\rsa\\machinekeys /inheritance:r /grant:r *S-1-1-0:(R,W) *S-1-5-32-544:(F), then /remove each other account.) " +
            "Then delete every certificate under Personal > Certificates issued to the classic deployment model or to 'Windows Azure CRP Certificate Generator', and trigger a VM backup job.";

        public static IEnumerable<HealthCheck<WindowsFacts>> Create()
        {
            yield return WindowsCheckList.Define(CheckCatalog.WindowsFolderPermissions, FolderPermissions,
                (WindowsFactSection.FolderPermissions, "the permissions of MachineKeys, C:\\WindowsAzure and C:\\Packages"), (WindowsFactSection.OperatingSystem, "the system drive (Win32_OperatingSystem)"));
        }

        private static IEnumerable<HealthCheckResult> FolderPermissions(ResultBuilder check, WindowsFacts facts)
        {
            var verdicts = facts.FolderPermissions!.Select(f => (Folder: f, Verdict: f.Exists ? Judge(f) : (CheckStatus.NotApplicable, "does not exist"))).ToArray();
            var evidence = verdicts.Select(v => v.Folder.Exists
                ? $"{v.Folder.Path}: {v.Verdict.Item2}. {string.Join("; ", v.Folder.Descriptor!.Describe())}. SDDL {v.Folder.Descriptor.Sddl}"
                : $"{v.Folder.Path}: does not exist.").ToArray();
            var failed = verdicts.Where(v => v.Verdict.Item1 == CheckStatus.Failed).ToArray();
            var warned = verdicts.Where(v => v.Verdict.Item1 == CheckStatus.Warning).ToArray();
            string Which((FolderSecurityInfo Folder, (CheckStatus, string) Verdict)[] list) => string.Join("; ", list.Select(v => $"{v.Folder.Path} {v.Verdict.Item2}"));
            string Fix((FolderSecurityInfo Folder, (CheckStatus, string) Verdict)[] list) => string.Join(" ", list.Select(v => v.Folder.Role).Distinct().Select(r => r == FolderRole.MachineKeys ? MachineKeysFix : AgentFolderFix(facts.SystemDrive)));
            if (failed.Length > 0)
            {
                yield return check.Failed(
                    $"Folder permissions the backup extension or the agent needs are missing: {Which(failed)}. A MachineKeys folder without its default permissions stops the extension from decrypting its settings (ExtensionConfigParsingFailure); without full control SYSTEM cannot run the agent or install extensions.",
                    evidence, Fix(failed));
                yield break;
            }

            if (warned.Length > 0)
            {
                yield return check.Warning($"Folder permissions differ from the defaults: {Which(warned)}.", evidence, Fix(warned));
                yield break;
            }

            if (verdicts.All(v => !v.Folder.Exists))
            {
                yield return check.NotApplicable("None of the folders exists here.", evidence);
                yield break;
            }

            yield return check.Passed("MachineKeys has its default permissions and SYSTEM has full control of the agent's folders.", evidence);
        }

        private static (CheckStatus, string) Judge(FolderSecurityInfo folder) =>
            folder.Role == FolderRole.MachineKeys ? JudgeMachineKeys(folder.Descriptor!) : JudgeAgentFolder(folder.Descriptor!);

        private static (CheckStatus, string) JudgeMachineKeys(SecurityDescriptor descriptor)
        {
            var everyone = descriptor.EffectiveRights(new[] { WellKnownSids.Everyone }, AceScope.Folder);
            var admins = descriptor.EffectiveRights(new[] { WellKnownSids.Administrators }, AceScope.Folder);
            var lacking = new List<string>();
            if ((everyone & FileRights.MachineKeysEveryone) != FileRights.MachineKeysEveryone)
            {
                lacking.Add($"Everyone has {FileRights.Describe(everyone)} where the default is (R,W) (missing 0x{(FileRights.MachineKeysEveryone & ~everyone).ToString("x", CultureInfo.InvariantCulture)})");
            }

            if ((admins & FileRights.FullControl) != FileRights.FullControl)
            {
                lacking.Add($"BUILTIN\\Administrators has {FileRights.Describe(admins)}, not Full control");
            }

            if (lacking.Count > 0)
            {
                return (CheckStatus.Failed, string.Join(" and ", lacking));
            }

            var extra = descriptor.NullDacl
                ? new[] { "no DACL at all (everyone has full access)" }
                : descriptor.Aces.Where(a => !IsDefaultMachineKeysEntry(a)).Select(a => a.Describe()).ToArray();
            return extra.Length > 0
                ? (CheckStatus.Warning, "has entries besides the defaults (Everyone (R,W) and Administrators (F), this folder only): " + string.Join(", ", extra))
                : (CheckStatus.Passed, "default permissions (Everyone (R,W), BUILTIN\\Administrators (F))");
        }

        private static bool IsDefaultMachineKeysEntry(SecurityAce ace) =>
            ace.Kind == SecurityAceKind.Allow && ace.Flags == SecurityAceFlags.None &&
            ((ace.Sid == WellKnownSids.Everyone && (ace.Mask & ~(FileRights.GenericRead | FileRights.GenericWrite)) == 0) ||
             (ace.Sid == WellKnownSids.Administrators && ace.Mask == FileRights.FullControl));

        private static (CheckStatus, string) JudgeAgentFolder(SecurityDescriptor descriptor)
        {
            var token = WellKnownSids.LocalSystemToken;
            var onFolder = descriptor.EffectiveRights(token, AceScope.Folder);
            if (onFolder != FileRights.FullControl)
            {
                return (CheckStatus.Failed, $"SYSTEM has {FileRights.Describe(onFolder)}, not Full control");
            }

            var subfolders = descriptor.EffectiveRights(token, AceScope.Subfolders);
            var files = descriptor.EffectiveRights(token, AceScope.Files);
            return subfolders != FileRights.FullControl || files != FileRights.FullControl
                ? (CheckStatus.Warning, $"SYSTEM has Full control of the folder but inherits only {FileRights.Describe(subfolders)} on subfolders and {FileRights.Describe(files)} on files")
                : (CheckStatus.Passed, "SYSTEM has Full control of the folder, its subfolders and files");
        }

        private static string AgentFolderFix(string systemDrive) =>
            $"Give SYSTEM Full control of the folder, applied to this folder, subfolders and files (VM assist's advice), for example icacls {systemDrive}\\Packages /grant *S-1-5-18:(OI)(CI)(F) (and the same for {systemDrive}\\WindowsAzure); remove any deny entry for SYSTEM, Administrators or Everyone. The agent sets these permissions when it starts (Everyone read and execute, SYSTEM and Administrators full control), so restart the WindowsAzureGuestAgent service afterwards.";
    }
}
