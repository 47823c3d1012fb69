namespace AzBackupTroubleshoot.Core.Facts.Windows.Security
{
    /// <summary>Reads the permissions of the folders <c>Windows.FolderPermissions</c> checks, through an <see cref="IFolderSecuritySource"/>.</summary>
    public sealed class FolderPermissionReader
    {
        /// <summary>MachineKeys below the system drive (the article: <c>%systemdrive%\programdata\microsoft\crypto\rsa\machinekeys</c>).</summary>
        public const string MachineKeysFolder = @"ProgramData\Microsoft\Crypto\RSA\MachineKeys";

        private readonly IFolderSecuritySource _source;

        /// <summary>Creates a reader.</summary>
        public FolderPermissionReader(IFolderSecuritySource source)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>The folders checked on a machine whose system drive is <paramref name="systemDrive"/> (<c>C:</c>), in report order.</summary>
        public static IReadOnlyList<(string Path, FolderRole Role)> Folders(string systemDrive)
        {
            var drive = (systemDrive ?? "C:").TrimEnd('\\');
            return new[]
            {
                (drive + @"\" + MachineKeysFolder, FolderRole.MachineKeys),
                (drive + @"\WindowsAzure", FolderRole.AgentFolder),
                (drive + @"\Packages", FolderRole.AgentFolder),
            };
        }

        /// <summary>
        /// Reads every folder. <paramref name="notRun"/> is the reason when the source cannot read descriptors at all;
        /// a malformed entry or SDDL throws <see cref="FormatException"/> naming the folder.
        /// </summary>
        public IReadOnlyList<FolderSecurityInfo> Read(string systemDrive, CancellationToken cancellationToken, out string? notRun)
        {
            notRun = null;
            var result = new List<FolderSecurityInfo>();
            foreach (var (path, role) in Folders(systemDrive))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = _source.Read(path, cancellationToken);
                if (record.NotRunReason != null)
                {
                    notRun = record.NotRunReason;
                    return Array.Empty<FolderSecurityInfo>();
                }

                if (record.Problem != null)
                {
                    throw new FormatException($"the permissions of {path}: {record.Problem}");
                }

                if (!record.Exists || record.Sddl == null)
                {
                    result.Add(new FolderSecurityInfo(path, role, null));
                    continue;
                }

                try
                {
                    result.Add(new FolderSecurityInfo(path, role, SddlParser.Parse(record.Sddl)));
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"the SDDL of {path} is malformed: {ex.Message}", ex);
                }
            }

            return result;
        }
    }
}
