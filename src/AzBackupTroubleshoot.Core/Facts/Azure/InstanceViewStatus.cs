namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>One status entry of an instance view (code, level, display status, message, time).</summary>
    public sealed class InstanceViewStatus
    {
        /// <summary>Creates a status.</summary>
        public InstanceViewStatus(string? code, string? level, string? displayStatus, string? message, string? time)
        {
            Code = code ?? string.Empty;
            Level = level ?? string.Empty;
            DisplayStatus = displayStatus ?? string.Empty;
            Message = message ?? string.Empty;
            Time = time;
        }

        /// <summary>The code, for example <c>ProvisioningState/succeeded</c> or <c>PowerState/running</c>.</summary>
        public string Code { get; }

        /// <summary>Info, Warning or Error.</summary>
        public string Level { get; }

        /// <summary>The display status, for example <c>Ready</c>.</summary>
        public string DisplayStatus { get; }

        /// <summary>The message.</summary>
        public string Message { get; }

        /// <summary>The time, as reported.</summary>
        public string? Time { get; }

        /// <summary>True when the level is Error or the code says failed.</summary>
        public bool IsError =>
            string.Equals(Level, "Error", StringComparison.OrdinalIgnoreCase) ||
            Code.IndexOf("/failed", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The part of the code after <paramref name="prefix"/>/ (for example "running" for PowerState), or null.</summary>
        public string? ValueOf(string prefix)
        {
            var head = prefix + "/";
            if (!Code.StartsWith(head, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var rest = Code.Substring(head.Length);
            var slash = rest.IndexOf('/');
            return slash < 0 ? rest : rest.Substring(0, slash);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            var text = Code;
            if (DisplayStatus.Length > 0)
            {
                text += " (" + DisplayStatus + ")";
            }

            return Message.Length > 0 ? text + ": " + Message : text;
        }
    }
}
