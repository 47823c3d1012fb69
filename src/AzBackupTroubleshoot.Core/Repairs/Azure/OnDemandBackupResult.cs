namespace AzBackupTroubleshoot.Core.Repairs.Azure
{
    /// <summary>Whether an on-demand backup was started, and why not.</summary>
    public sealed class OnDemandBackupResult
    {
        /// <summary>Creates a result.</summary>
        public OnDemandBackupResult(bool started, string message, string? protectedItemId, int onDemandToday)
        {
            Started = started;
            Message = message ?? string.Empty;
            ProtectedItemId = protectedItemId;
            OnDemandToday = onDemandToday;
        }

        /// <summary>True when the backup request was accepted.</summary>
        public bool Started { get; }

        /// <summary>What happened.</summary>
        public string Message { get; }

        /// <summary>The VM's protected item, when found.</summary>
        public string? ProtectedItemId { get; }

        /// <summary>On-demand backups of the VM already started today (UTC), before this one.</summary>
        public int OnDemandToday { get; }
    }
}
