using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Azure
{
    /// <summary>
    /// What an Azure cmdlet needs for one invocation: the Az context, an ARM client that gets its tokens from
    /// Az.Accounts, and the queue that brings Core's callbacks back to the pipeline thread.
    /// </summary>
    internal sealed class ArmConnection : IDisposable
    {
        private readonly AzAccountsTokenProvider _tokens;

        private ArmConnection(AzAccountsSession session, ArmClient client, PipelineQueue queue, AzAccountsTokenProvider tokens)
        {
            _tokens = tokens;
            Session = session;
            Client = client;
            Queue = queue;
        }

        public AzAccountsSession Session { get; }

        public ArmClient Client { get; }

        public PipelineQueue Queue { get; }

        /// <summary>Reads the context and a first token (pipeline thread); verbose lines are posted to <paramref name="verbose"/>.</summary>
        /// <exception cref="AzAccountsException">No context, no token, or an endpoint the token may not go to.</exception>
        public static ArmConnection Open(Action<string> verbose, int maxConnections)
        {
            var session = AzAccountsSession.Open();
            var token = session.GetAccessToken();
            var queue = new PipelineQueue();
            verbose($"Azure context: {session.Environment}, Resource Manager {session.ResourceManagerUrl.AbsoluteUri}, token audience {session.Audience}, tenant {session.TenantId ?? "(none)"}, subscription {session.SubscriptionId ?? "(none)"}.");
            ArmClient? probe = null;
            try
            {
                void Log(string line) => queue.Post(() => verbose(line));
                probe = session.SubscriptionId is null ? null : new ArmClient(new ArmClientOptions(session.ResourceManagerUrl) { Log = Log, MaxConnections = 2 }, new StaticTokenProvider(token));
                var options = new ArmClientOptions(session.ResourceManagerUrl)
                {
                    Log = Log,
                    MaxConnections = Math.Max(16, maxConnections * 2),
                };
                var tokens = new AzAccountsTokenProvider(session, queue, token, probe, Log);
                var client = new ArmClient(options, tokens);
                return new ArmConnection(session, client, queue, tokens);
            }
            catch (ArmRequestException ex)
            {
                probe?.Dispose();
                queue.Dispose();
                throw new AzAccountsException(ErrorIds.InsecureEndpoint, System.Management.Automation.ErrorCategory.SecurityError, ex.Message,
                    "Use an Azure environment whose ResourceManagerUrl is https (Get-AzEnvironment).", ex);
            }
        }

        /// <summary>
        /// Starts Core work on a worker thread and runs the queue on this (pipeline) thread until it ends. If a queued
        /// action throws (the pipeline is stopping), the work is cancelled and the exception goes on.
        /// </summary>
        public Task<T> Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken stopping)
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var task = Task.Run(() => work(cancel.Token), cancel.Token);
            task.ContinueWith(_ => cancel.Dispose(), TaskScheduler.Default);
            try
            {
                Queue.Pump(task);
            }
            catch
            {
                cancel.Cancel();
                throw;
            }

            return task;
        }

        public void Dispose()
        {
            Client.Dispose();
            _tokens.Dispose();
            Queue.Dispose();
        }
    }
}
