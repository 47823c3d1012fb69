namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>
    /// The one verdict of Host.CpuPressure and Host.MemoryPressure, on Linux and on Windows alike: at or over 90 % the
    /// result is a <see cref="CheckStatus.Warning"/> (the article: with CPU or memory over 90 % the snapshot task is queued
    /// and can time out, so try an on-demand backup; one reading is a hint, not a certain cause), under it Passed.
    /// </summary>
    public static class ResourcePressure
    {
        /// <summary>The threshold, in percent.</summary>
        public const double ThresholdPercent = 90.0;

        /// <summary>What to do about pressure.</summary>
        public const string Remediation = "Run the backup when the VM is less busy (an on-demand backup at a quiet time), or resize the VM; at or over 90 % CPU or memory the snapshot can time out. One reading is a hint: check the trend in the VM's metrics.";

        /// <summary>The status for a use of <paramref name="percent"/>.</summary>
        public static CheckStatus StatusOf(double percent) => percent >= ThresholdPercent ? CheckStatus.Warning : CheckStatus.Passed;

        /// <summary>
        /// The message for <paramref name="what"/> (for example "CPU use") at <paramref name="percent"/>; the same figures
        /// give the same words on every OS.
        /// </summary>
        public static string Message(string what, double percent)
        {
            var text = percent.ToString("0.#", CultureInfo.InvariantCulture);
            return StatusOf(percent) == CheckStatus.Warning
                ? $"{what} is {text} %, at or over {ThresholdPercent.ToString("0", CultureInfo.InvariantCulture)} %: the snapshot may time out."
                : $"{what} is {text} %.";
        }

        /// <summary>The remediation for a status: the advice when under pressure, none otherwise.</summary>
        public static string? RemediationFor(double percent) => StatusOf(percent) == CheckStatus.Warning ? Remediation : null;
    }
}
