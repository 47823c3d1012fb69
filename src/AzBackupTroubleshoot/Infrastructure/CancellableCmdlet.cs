using System.Management.Automation;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Redaction;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Base of the module's cmdlets: owns the cancellation source that Ctrl+C (StopProcessing) cancels, and waits for Core's
    /// asynchronous work on the pipeline thread so that every Write* call happens there. Verbose, warning and debug text
    /// passes through the one <see cref="SecretRedactor"/> (these members hide PSCmdlet's, and implement ICmdletHost's, so
    /// every cmdlet's and every runner's call goes here); error records are redacted where they are made (ErrorRecords), results where they are made (HealthCheckResult).
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable, ICmdletHost
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private bool _disposed;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops (Select-Object -First).</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>The redactor for this cmdlet's text output.</summary>
        protected SecretRedactor Redactor { get; } = new SecretRedactor();

        /// <summary>Writes verbose text without secrets.</summary>
        protected new void WriteVerbose(string text) => base.WriteVerbose(Redactor.Redact(text));

        /// <summary>Writes a warning without secrets.</summary>
        protected new void WriteWarning(string text) => base.WriteWarning(Redactor.Redact(text));

        /// <summary>Writes debug text without secrets.</summary>
        protected new void WriteDebug(string text) => base.WriteDebug(Redactor.Redact(text));

        /// <inheritdoc />
        void ICmdletHost.WriteVerbose(string text) => WriteVerbose(text);

        /// <inheritdoc />
        void ICmdletHost.WriteWarning(string text) => WriteWarning(text);

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

        /// <summary>True when -Credential, -Authentication, -UseSsl or -Port was given.</summary>
        private protected bool HasConnectionParameters =>
            MyInvocation.BoundParameters.ContainsKey("Credential") || MyInvocation.BoundParameters.ContainsKey("Authentication") ||
            MyInvocation.BoundParameters.ContainsKey("UseSsl") || MyInvocation.BoundParameters.ContainsKey("Port");

        /// <summary>
        /// The WSMan options for computers reached by name, from -Credential, -Authentication, -UseSsl and -Port: a
        /// terminating InvalidConnectionOptions error when they do not fit together, and a warning for Basic without SSL.
        /// </summary>
        private protected WsmanConnectionOptions ConnectionOptions(PSCredential? credential, WsmanAuthentication authentication, bool useSsl, int? port)
        {
            WsmanConnectionOptions options;
            try
            {
                // As New-CimSession: the domain and user from GetNetworkCredential, the password as the SecureString.
                var given = credential != null && credential != PSCredential.Empty;
                var network = given ? credential!.GetNetworkCredential() : null;
                options = new WsmanConnectionOptions(
                    given ? credential!.UserName : null,
                    given ? credential!.Password : null,
                    authentication,
                    useSsl,
                    port,
                    network?.Domain,
                    network?.UserName);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(Errors.ErrorIds.InvalidConnectionOptions, ErrorCategory.InvalidArgument, authentication, ex.Message, ex,
                    "Pass -Credential (Get-Credential) with Basic, Digest or CredSsp, and a port from 1 to 65535."));
                throw;
            }

            if (options.Warning != null)
            {
                WriteWarning(options.Warning);
            }

            return options;
        }

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
