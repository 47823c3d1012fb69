using System.Collections.Concurrent;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// The one queue between Core's worker threads and the pipeline thread: workers post actions (write a result, an
    /// error, progress, a verbose line, or fetch a token through Az.Accounts), and the pipeline thread runs them while it
    /// waits for the work to finish. Every Write* call and every PowerShell command thus runs on the pipeline thread.
    /// </summary>
    internal sealed class PipelineQueue : IDisposable
    {
        private readonly BlockingCollection<Action> _actions = new BlockingCollection<Action>();

        /// <summary>Queues an action for the pipeline thread.</summary>
        public void Post(Action action)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            if (!_actions.IsAddingCompleted)
            {
                _actions.Add(action);
            }
        }

        /// <summary>Runs a function on the pipeline thread and returns its result to a worker.</summary>
        public Task<T> InvokeAsync<T>(Func<T> function, CancellationToken cancellationToken)
        {
            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
            completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
            Post(() =>
            {
                if (completion.Task.IsCompleted)
                {
                    return;
                }

                try
                {
                    completion.TrySetResult(function());
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                }
            });
            return completion.Task;
        }

        /// <summary>On the pipeline thread: runs queued actions until <paramref name="work"/> has finished, then the rest.</summary>
        public void Pump(Task work)
        {
            if (work is null)
            {
                throw new ArgumentNullException(nameof(work));
            }

            var done = new ManualResetEventSlim(false);
            work.ContinueWith(_ => done.Set(), TaskScheduler.Default);
            try
            {
                while (true)
                {
                    if (_actions.TryTake(out var action, 50))
                    {
                        action();
                        continue;
                    }

                    if (done.IsSet)
                    {
                        // Finished: run what was queued before the end, then return.
                        while (_actions.TryTake(out action))
                        {
                            action();
                        }

                        return;
                    }
                }
            }
            finally
            {
                done.Dispose();
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _actions.CompleteAdding();
            _actions.Dispose();
        }
    }
}
