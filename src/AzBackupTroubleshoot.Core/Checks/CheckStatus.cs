namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>The outcome of one health check.</summary>
    public enum CheckStatus
    {
        /// <summary>The check found nothing wrong.</summary>
        Passed,

        /// <summary>Something may lead to a backup failure.</summary>
        Warning,

        /// <summary>Something will lead to a backup failure.</summary>
        Failed,

        /// <summary>The check does not apply to this target (another platform, an offline root, a deallocated VM).</summary>
        NotApplicable,

        /// <summary>The check could not be evaluated (unreadable input, an exception, a time-out).</summary>
        Error,
    }
}
