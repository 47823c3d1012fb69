namespace AzBackupTroubleshoot.Core.Arm
{
    /// <summary>Where a write or delete ended.</summary>
    public enum ArmOperationStatus
    {
        /// <summary>Done, successfully (synchronously or after polling).</summary>
        Succeeded,

        /// <summary>Accepted and still running; not polled (no-wait).</summary>
        Accepted,

        /// <summary>The operation failed.</summary>
        Failed,

        /// <summary>The operation was cancelled on the service side.</summary>
        Canceled,
    }

    /// <summary>The outcome of a write or delete, after polling when asked to.</summary>
    public sealed class ArmOperationResult
    {
        /// <summary>Creates a result.</summary>
        public ArmOperationResult(ArmOperationStatus status, int httpStatus, string? errorCode = null, string? errorMessage = null, int polls = 0)
        {
            Status = status;
            HttpStatus = httpStatus;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
            Polls = polls;
        }

        /// <summary>The outcome.</summary>
        public ArmOperationStatus Status { get; }

        /// <summary>The status code of the first response (200, 201, 202 or 204).</summary>
        public int HttpStatus { get; }

        /// <summary>The operation's error code, when it failed.</summary>
        public string? ErrorCode { get; }

        /// <summary>The operation's error message, when it failed.</summary>
        public string? ErrorMessage { get; }

        /// <summary>How many status polls were made.</summary>
        public int Polls { get; }
    }
}
