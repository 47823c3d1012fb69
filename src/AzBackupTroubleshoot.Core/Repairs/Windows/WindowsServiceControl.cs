using AzBackupTroubleshoot.Core.Cim;

namespace AzBackupTroubleshoot.Core.Repairs.Windows
{
    /// <summary>How long repairs wait for a service or process and how often they look.</summary>
    public sealed class WindowsRepairTiming
    {
        /// <summary>Time between two looks at a service's State or a process.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a service may take to stop or start.</summary>
        public TimeSpan ServiceTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long one msiexec run may take.</summary>
        public TimeSpan InstallerTimeout { get; set; } = TimeSpan.FromMinutes(10);
    }

    /// <summary>
    /// Win32_Service control through CIM: ChangeStartMode, StartService, StopService, and waiting for the State to follow.
    /// Method failures become <see cref="CimGatewayException"/>s whose message names the service, the method and the
    /// documented meaning of the return code.
    /// </summary>
    public sealed class WindowsServiceControl
    {
        private const string Cimv2 = "root/cimv2";

        private static readonly string[] ReturnCodes =
        {
            "Success", "Not Supported", "Access Denied", "Dependent Services Running", "Invalid Service Control",
            "Service Cannot Accept Control", "Service Not Active", "Service Request Timeout", "Unknown Failure", "Path Not Found",
            "Service Already Running", "Service Database Locked", "Service Dependency Deleted", "Service Dependency Failure",
            "Service Disabled", "Service Logon Failed", "Service Marked For Deletion", "Service No Thread", "Status Circular Dependency",
            "Status Duplicate Name", "Status Invalid Name", "Status Invalid Parameter", "Status Invalid Service Account",
            "Status Service Exists", "Service Already Paused",
        };

        private readonly ICimGateway _gateway;
        private readonly WindowsRepairTiming _timing;

        /// <summary>Creates the control.</summary>
        public WindowsServiceControl(ICimGateway gateway, WindowsRepairTiming? timing = null)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _timing = timing ?? new WindowsRepairTiming();
        }

        /// <summary>The service's instance, or null when it is not installed.</summary>
        public CimObject? Find(string name, CancellationToken cancellationToken) =>
            _gateway.QueryInstances(Cimv2, "Win32_Service", $"Name='{name.Replace("'", "\\'")}'", cancellationToken)
                .FirstOrDefault(s => string.Equals(s.GetString("Name"), name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Sets the start mode (Automatic, Manual, Disabled).</summary>
        public void ChangeStartMode(CimObject service, string startMode, CancellationToken cancellationToken) =>
            Invoke(service, "ChangeStartMode", new Dictionary<string, object?> { ["StartMode"] = startMode }, cancellationToken);

        /// <summary>Starts the service and waits until it is Running.</summary>
        public void Start(CimObject service, CancellationToken cancellationToken)
        {
            Invoke(service, "StartService", new Dictionary<string, object?>(), cancellationToken, alreadyDone: 10);
            WaitFor(service.GetString("Name")!, "Running", cancellationToken);
        }

        /// <summary>Stops the service and waits until it is Stopped.</summary>
        public void Stop(CimObject service, CancellationToken cancellationToken)
        {
            Invoke(service, "StopService", new Dictionary<string, object?>(), cancellationToken, alreadyDone: 6);
            WaitFor(service.GetString("Name")!, "Stopped", cancellationToken);
        }

        /// <summary>The documented meaning of a Win32_Service method return code.</summary>
        public static string Describe(long code) =>
            code >= 0 && code < ReturnCodes.Length ? ReturnCodes[code] : "code " + code.ToString(CultureInfo.InvariantCulture);

        private void Invoke(CimObject service, string method, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken, long alreadyDone = -1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _gateway.InvokeMethod(service, method, arguments, cancellationToken);
            var code = CimValue.ToInt64(result.TryGetValue("ReturnValue", out var value) ? value : null) ?? -1;
            if (code != 0 && code != alreadyDone)
            {
                throw new CimGatewayException(
                    CimGatewayException.OperationFailed,
                    _gateway.ComputerName,
                    $"Win32_Service {service.GetString("Name")} {method} returned {code} ({Describe(code)}).");
            }
        }

        private void WaitFor(string name, string state, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + _timing.ServiceTimeout;
            while (true)
            {
                var current = Find(name, cancellationToken)?.GetString("State");
                if (string.Equals(current, state, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new CimGatewayException(
                        CimGatewayException.OperationFailed,
                        _gateway.ComputerName,
                        $"Win32_Service {name} is still {current ?? "(gone)"} after {_timing.ServiceTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; expected {state}.");
                }

                cancellationToken.WaitHandle.WaitOne(_timing.PollInterval);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
