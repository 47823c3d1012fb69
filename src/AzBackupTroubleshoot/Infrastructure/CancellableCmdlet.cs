using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Base of the module's cmdlets: owns the cancellation source that Ctrl+C (StopProcessing) cancels, and waits for Core's
    /// asynchronous work on the pipeline thread so that every Write* call happens there.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable, ICmdletHost
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private bool _disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops (Select-Object -First).</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <inheritdoc />
        CancellationToken ICmdletHost.CancellationToken => CancellationToken;

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            _stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>Waits for Core work; a cancellation becomes the pipeline's own stop.</summary>
        protected T Wait<T>(Task<T> task)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <inheritdoc />
        T ICmdletHost.Wait<T>(Task<T> task) => Wait(task);

        /// <summary>Releases the cancellation source.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _stopping.Dispose();
            }

            _disposed = true;
        }
    }
}
