using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Targets
{
    /// <summary>
    /// One Windows machine or capture. Holds no Microsoft.Management.Infrastructure type: a session is kept as the object
    /// the user passed, and only the cmdlet layer opens it.
    /// </summary>
    public sealed class CimTarget
    {
        private CimTarget(CimTargetKind kind, string name, object? session, WsmanConnectionOptions? connection = null)
        {
            Kind = kind;
            Name = name;
            Session = session;
            Connection = connection ?? WsmanConnectionOptions.Default;
        }

        /// <summary>How a <see cref="CimTargetKind.ComputerName"/> target is connected to (-Credential, -Authentication, -UseSsl, -Port).</summary>
        public WsmanConnectionOptions Connection { get; }

        /// <summary>How it is reached.</summary>
        public CimTargetKind Kind { get; }

        /// <summary>The computer name, or the capture's full path: the target of errors.</summary>
        public string Name { get; }

        /// <summary>The CimSession (as passed), for <see cref="CimTargetKind.Session"/>; null otherwise.</summary>
        public object? Session { get; }

        /// <summary>The running machine.</summary>
        public static CimTarget Local() => new CimTarget(CimTargetKind.Local, Environment.MachineName, null);

        /// <summary>A session to <paramref name="computerName"/>.</summary>
        public static CimTarget ForSession(string computerName, object session) =>
            new CimTarget(CimTargetKind.Session, computerName ?? throw new ArgumentNullException(nameof(computerName)), session ?? throw new ArgumentNullException(nameof(session)));

        /// <summary>A computer by name.</summary>
        public static CimTarget ForComputer(string computerName) =>
            new CimTarget(CimTargetKind.ComputerName, computerName ?? throw new ArgumentNullException(nameof(computerName)), null);

        /// <summary>A computer by name, connected to with <paramref name="connection"/>.</summary>
        public static CimTarget ForComputer(string computerName, WsmanConnectionOptions connection) =>
            new CimTarget(CimTargetKind.ComputerName, computerName ?? throw new ArgumentNullException(nameof(computerName)), null, connection ?? throw new ArgumentNullException(nameof(connection)));

        /// <summary>A capture file (or a Windows bundle) at a full path.</summary>
        public static CimTarget ForCapture(string fullPath) =>
            new CimTarget(CimTargetKind.Capture, fullPath ?? throw new ArgumentNullException(nameof(fullPath)), null);

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Kind})";
    }
}
