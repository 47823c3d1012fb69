using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>The failed jobs of FailedBackupJobs.kql, by vault and container (as <see cref="BackupEvidenceReader"/> pairs them).</summary>
    internal sealed class TriageJobIndex
    {
        private readonly Dictionary<string, List<(BackupJobFailure Failure, bool HasDetails)>> _byContainer = new Dictionary<string, List<(BackupJobFailure, bool)>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<(BackupJobFailure Failure, bool HasDetails)>> _byName = new Dictionary<string, List<(BackupJobFailure, bool)>>(StringComparer.OrdinalIgnoreCase);
        private readonly int _max;

        public TriageJobIndex(int maxJobs)
        {
            _max = maxJobs;
        }

        public int Count { get; private set; }

        /// <exception cref="ArmRequestException">More failed jobs than the scan holds (<c>JobLimitExceeded</c>).</exception>
        public void Add(JsonElement row)
        {
            var id = TriageVmRow.Text(row, "id");
            var vault = TriageVmRow.Text(row, "vaultId");
            if (id is null || vault is null)
            {
                return;
            }

            if (++Count > _max)
            {
                throw new ArmRequestException("JobLimitExceeded", $"Resource Graph returned more than {_max} failed backup jobs for the window; narrow the scope or the lookback.");
            }

            var details = JsonText.Property(row, "errorDetails");
            var hasDetails = details.HasValue && details.Value.ValueKind == JsonValueKind.Array && details.Value.GetArrayLength() > 0;

            // The row carries the job's properties flattened (operation, status, startTime, errorDetails) under the same names.
            var failure = BackupEvidenceReader.ParseJob(id, row, TriageVmRow.Text(row, "dynamicErrorMessage"));
            var container = TriageVmRow.Text(row, "containerName");
            var key = container != null ? vault + "|" + container : vault + "|" + (TriageVmRow.Text(row, "entityFriendlyName") ?? string.Empty);
            var map = container != null ? _byContainer : _byName;
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<(BackupJobFailure, bool)>();
            }

            list.Add((failure, hasDetails));
        }

        /// <summary>The item's failed jobs, newest first.</summary>
        public IReadOnlyList<(BackupJobFailure Failure, bool HasDetails)> For(string? vaultId, ProtectedItemInfo? item)
        {
            if (vaultId is null || item is null)
            {
                return Array.Empty<(BackupJobFailure, bool)>();
            }

            var found = new List<(BackupJobFailure Failure, bool HasDetails)>();
            if (item.ContainerName != null && _byContainer.TryGetValue(vaultId + "|" + item.ContainerName, out var byContainer))
            {
                found.AddRange(byContainer);
            }

            if (item.FriendlyName != null && _byName.TryGetValue(vaultId + "|" + item.FriendlyName, out var byName))
            {
                found.AddRange(byName);
            }

            return found.OrderByDescending(j => j.Failure.StartTime ?? DateTimeOffset.MinValue).ToList();
        }
    }
}
