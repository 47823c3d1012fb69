namespace AzBackupTroubleshoot.Core.Runners
{
    /// <summary>Counts of a running triage scan, by phase.</summary>
    public sealed class ResourceGraphTriageProgress
    {
        /// <summary>Creates a snapshot.</summary>
        public ResourceGraphTriageProgress(string phase, int vmsRead, int toDetail, int detailed, int failed, bool triageComplete)
        {
            Phase = phase;
            VmsRead = vmsRead;
            ToDetail = toDetail;
            Detailed = detailed;
            Failed = failed;
            TriageComplete = triageComplete;
        }

        /// <summary>"Triage" while Resource Graph is read, "Detail" once only detail reads remain, "Fallback" for per-VM reads of rejected subscriptions.</summary>
        public string Phase { get; }

        /// <summary>VMs read from Resource Graph so far.</summary>
        public int VmsRead { get; }

        /// <summary>Of those, VMs queued for a detail read.</summary>
        public int ToDetail { get; }

        /// <summary>Detail reads finished.</summary>
        public int Detailed { get; }

        /// <summary>VMs that could not be read.</summary>
        public int Failed { get; }

        /// <summary>True when every Resource Graph page has been read.</summary>
        public bool TriageComplete { get; }
    }
}
