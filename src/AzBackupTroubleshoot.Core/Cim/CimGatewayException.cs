namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// A CIM call failed: the class is not in a capture, the machine refused access, the session broke. Every
    /// <see cref="ICimGateway"/> implementation turns its own failures into this type, so callers never need the
    /// Microsoft.Management.Infrastructure exception types.
    /// </summary>
    public sealed class CimGatewayException : Exception
    {
        /// <summary>The class or method is not in the capture the gateway serves.</summary>
        public const string NotInCapture = nameof(NotInCapture);

        /// <summary>The capture the gateway serves cannot be changed.</summary>
        public const string CaptureReadOnly = nameof(CaptureReadOnly);

        /// <summary>The method is not one the capture-backed gateway emulates.</summary>
        public const string MethodNotEmulated = nameof(MethodNotEmulated);

        /// <summary>The namespace does not exist on the target (for example BitLocker's, where BitLocker is not installed).</summary>
        public const string NamespaceNotFound = nameof(NamespaceNotFound);

        /// <summary>The CIM operation failed on the target (access denied, not found, invalid query, session lost).</summary>
        public const string OperationFailed = nameof(OperationFailed);

        /// <summary>Creates an exception.</summary>
        public CimGatewayException(string errorId, string computerName, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            ComputerName = computerName ?? string.Empty;
        }

        /// <summary>A stable id naming the condition (one of the constants of this class).</summary>
        public string ErrorId { get; }

        /// <summary>The computer (or capture) the call went to.</summary>
        public string ComputerName { get; }
    }
}
