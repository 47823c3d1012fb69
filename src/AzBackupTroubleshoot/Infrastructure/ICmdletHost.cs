using System.Management.Automation;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// What a runner of the cmdlet layer may use of the cmdlet that runs it: the pipeline's streams, ShouldProcess and the
    /// cancellation of the run. Every call happens on the pipeline thread.
    /// </summary>
    internal interface ICmdletHost
    {
        /// <summary>Cancelled when the pipeline stops.</summary>
        CancellationToken CancellationToken { get; }

        /// <summary>Waits for Core work; a cancellation becomes the pipeline's own stop.</summary>
        T Wait<T>(Task<T> task);

        void WriteObject(object sendToPipeline, bool enumerateCollection);

        void WriteError(ErrorRecord errorRecord);

        void WriteWarning(string text);

        void WriteVerbose(string text);

        void WriteProgress(ProgressRecord progressRecord);

        bool ShouldProcess(string target, string action);

        bool ShouldContinue(string query, string caption);

        void ThrowTerminatingError(ErrorRecord errorRecord);

        string GetUnresolvedProviderPathFromPSPath(string path);
    }
}
