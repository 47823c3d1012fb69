namespace AzBackupTroubleshoot.Core.Facts.Windows
{
    /// <summary>One writer from <c>vssadmin list writers</c>.</summary>
    public sealed class VssWriterInfo
    {
        /// <summary>The writer's name, for example <c>SqlServerWriter</c>.</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>Writer Id (a GUID in braces), or null.</summary>
        public string? WriterId { get; init; }

        /// <summary>The state number in brackets: 1 is Stable, 5 Waiting for completion, 6 to 15 a failed state (VSS_WRITER_STATE).</summary>
        public int StateCode { get; init; }

        /// <summary>The state's text after the number, for example <c>Stable</c> or <c>Failed</c>.</summary>
        public string StateText { get; init; } = string.Empty;

        /// <summary>Last error, for example <c>No error</c>, <c>Timed out</c>, <c>Retryable error</c>.</summary>
        public string LastError { get; init; } = string.Empty;

        /// <summary>True when the state is [1] Stable.</summary>
        public bool IsStable => StateCode == 1;

        /// <summary>True for the failed states (VSS_WS_FAILED_AT_IDENTIFY = 6 to VSS_WS_FAILED_AT_BACKUPSHUTDOWN = 15) or a state text saying Failed.</summary>
        public bool IsFailed => (StateCode >= 6 && StateCode <= 15) || StateText.IndexOf("fail", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>True when Last error is something other than <c>No error</c>.</summary>
        public bool HasError => LastError.Length > 0 && !string.Equals(LastError, "No error", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>An evidence line: <c>'SqlServerWriter': State [8] Failed, Last error: Non-retryable error</c>.</summary>
        public string Describe() => $"'{Name}': State [{StateCode}] {StateText}, Last error: {(LastError.Length == 0 ? "-" : LastError)}";
    }
}
