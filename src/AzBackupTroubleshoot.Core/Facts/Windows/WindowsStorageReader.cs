using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;

namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>The fixed volumes (Win32_LogicalDisk) and the VSS writers (<c>vssadmin list writers</c>).</summary>
    internal sealed class WindowsStorageReader
    {
        private const string Cimv2 = "root/cimv2";
        private readonly ICimGateway _gateway;

        public WindowsStorageReader(ICimGateway gateway)
        {
            _gateway = gateway;
        }

        /// <summary>Win32_LogicalDisk with DriveType 3; a FreeSpace or Size that is not an integer is an <see cref="InvalidDataException"/> naming the class, disk and property.</summary>
        public IReadOnlyList<VolumeInfo> ReadVolumes(string systemDrive, CancellationToken cancellationToken) =>
            _gateway.QueryInstances(Cimv2, "Win32_LogicalDisk", "DriveType=3", cancellationToken)
                .Where(d => CimValue.ToInt64(d["DriveType"]) == 3)
                .Select(d =>
                {
                    var id = d.GetString("DeviceID") ?? "?";
                    return new VolumeInfo
                    {
                        DeviceId = id,
                        Label = d.GetString("VolumeName"),
                        FreeBytes = Bytes(d, id, "FreeSpace"),
                        SizeBytes = Bytes(d, id, "Size"),
                        IsSystem = string.Equals(id.TrimEnd('\\'), systemDrive, StringComparison.OrdinalIgnoreCase),
                    };
                })
                .OrderBy(v => v.DeviceId, StringComparer.OrdinalIgnoreCase)
                .ToArray();

        /// <summary>
        /// The writers; null with <paramref name="notRun"/> set when the command cannot run here. A failed run (exit code not
        /// 0) or output the parser cannot read is an <see cref="InvalidDataException"/> naming the command.
        /// </summary>
        public IReadOnlyList<VssWriterInfo>? ReadVssWriters(IWindowsCommandSource commands, CancellationToken cancellationToken, out string? notRun)
        {
            var command = WindowsCommand.VssAdminListWriters;
            var output = commands.Run(command, cancellationToken);
            notRun = output.NotRunReason;
            if (!output.Ran)
            {
                return null;
            }

            if (output.ExitCode != 0)
            {
                var said = (output.Error.Trim().Length > 0 ? output.Error : output.Output).Trim();
                var line = said.Split('\r', '\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Error", StringComparison.OrdinalIgnoreCase)) ?? said.Split('\r', '\n')[0];
                throw new InvalidDataException($"'{command.Name}' exited with {output.ExitCode}: {(line.Length == 0 ? "(no output)" : line)} (it needs an elevated administrator).");
            }

            try
            {
                return VssAdminWritersParser.Parse(output.Output);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"the output of '{command.Name}' cannot be read: {ex.Message}", ex);
            }
        }

        /// <summary>Win32_EncryptableVolume; where BitLocker is not installed (its namespace does not exist) the list is empty.</summary>
        public IReadOnlyList<EncryptableVolumeInfo> ReadEncryptableVolumes(CancellationToken cancellationToken)
        {
            IReadOnlyList<CimObject> volumes;
            try
            {
                volumes = _gateway.QueryInstances(WindowsNames.BitLockerNamespace, WindowsNames.EncryptableVolumeClass, null, cancellationToken);
            }
            catch (CimGatewayException ex) when (ex.ErrorId == CimGatewayException.NamespaceNotFound)
            {
                return Array.Empty<EncryptableVolumeInfo>();
            }

            return volumes.Select(v =>
            {
                var id = v.GetString("DriveLetter") ?? v.GetString("DeviceID") ?? "?";
                var raw = v["ProtectionStatus"];
                var status = raw == null ? (long?)null : CimValue.ToInt64(raw) ?? throw new InvalidDataException($"{WindowsNames.EncryptableVolumeClass} {id} ProtectionStatus is '{raw}' ({raw.GetType().Name}), not an integer.");
                return new EncryptableVolumeInfo { DriveLetter = v.GetString("DriveLetter"), DeviceId = v.GetString("DeviceID") ?? string.Empty, ProtectionStatus = status };
            }).ToArray();
        }

        private static ulong? Bytes(CimObject disk, string id, string property)
        {
            var raw = disk[property];
            if (raw == null)
            {
                return null;
            }

            return CimValue.ToUInt64(raw) ?? throw new InvalidDataException($"Win32_LogicalDisk {id} {property} is '{raw}' ({raw.GetType().Name}), not a byte count.");
        }
    }
}
