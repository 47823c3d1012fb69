using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// Serves a capture through <see cref="ICimGateway"/>, read-only: queries return the captured instances of a class
    /// (unfiltered: the WQL condition is not evaluated), StdRegProv read methods answer from the registry section,
    /// Win32_Directory and CIM_DataFile come from the files section, commands (<c>vssadmin list writers</c>) from the commands section. A class or section that was not captured is a
    /// <see cref="CimGatewayException"/> with id <see cref="CimGatewayException.NotInCapture"/>; every write is refused
    /// with <see cref="CimGatewayException.CaptureReadOnly"/>.
    /// </summary>
    public sealed class ReplayCimGateway : ICimGateway, IWindowsCommandSource, IFolderSecuritySource
    {
        private readonly CaptureMachine _machine;

        /// <summary>Creates a gateway over a capture.</summary>
        public ReplayCimGateway(CimCapture capture)
        {
            Capture = capture ?? throw new ArgumentNullException(nameof(capture));
            _machine = new CaptureMachine(capture);
        }

        /// <summary>The capture served.</summary>
        public CimCapture Capture { get; }

        /// <inheritdoc />
        public string ComputerName => Capture.ComputerName;

        /// <summary>Always false: a capture is never the machine this code runs on.</summary>
        public bool IsLocal => false;

        /// <inheritdoc />
        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _machine.Query(cimNamespace, className);
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (CaptureMachine.IsWrite(className, methodName))
            {
                throw ReadOnly($"{className}.{methodName}");
            }

            return _machine.InvokeStatic(cimNamespace, className, methodName, arguments ?? new Dictionary<string, object?>());
        }

        /// <summary>The command's captured output (or why it was not run when the capture was taken); not captured is <see cref="CimGatewayException.NotInCapture"/>.</summary>
        public WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _machine.Run(command ?? throw new ArgumentNullException(nameof(command)));
        }

        /// <summary>The folder's captured security descriptor (folderSecurity); not captured is <see cref="CimGatewayException.NotInCapture"/>.</summary>
        public FolderSecurityRecord Read(string path, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _machine.ReadFolderSecurity(path ?? throw new ArgumentNullException(nameof(path)));
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
            throw ReadOnly($"{instance?.ClassName}.{methodName}");

        /// <inheritdoc />
        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken) =>
            throw ReadOnly($"creating {className}");

        /// <inheritdoc />
        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken) =>
            throw ReadOnly($"deleting {instance?.ClassName}");

        private CimGatewayException ReadOnly(string what) =>
            new CimGatewayException(CimGatewayException.CaptureReadOnly, ComputerName, $"The capture of '{ComputerName}' is read-only: {what} is not possible; connect to the machine (-CimSession or -ComputerName) to change it.");
    }
}
