using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;
using AzBackupTroubleshoot.Core.Sources.Windows;

namespace AzBackupTroubleshoot.Core.Tests.Sources.Windows
{
    /// <summary>
    /// A stand-in machine for repair tests: reads come from a capture, writes are recorded in <see cref="Calls"/> (key,
    /// value name, value type, method, arguments) and applied to the gateway's own copy of the capture, so a second run
    /// sees the first run's changes. Win32_Service StartService/StopService/ChangeStartMode change the service's
    /// State and StartMode with the real return codes (10 already running, 14 disabled, 5 already stopped);
    /// Win32_Process.Create returns a process id and the process counts as finished at once. Commands (vssadmin) answer
    /// from the capture when the gateway is local, and as a real remote session would (not run, with the reason) otherwise.
    /// Folder permissions answer as CIM does on a live machine, locally or remotely: Win32_LogicalFileSecuritySetting where
    /// Path is a folder of the capture's folderSecurity section, and its GetSecurityDescriptor method (a read, not recorded).
    /// </summary>
    internal sealed class RecordingCimGateway : ICimGateway, IWindowsCommandSource
    {
        private readonly CaptureMachine _machine;
        private readonly List<CimCall> _calls = new List<CimCall>();
        private readonly Dictionary<string, uint> _forcedResults = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
        private readonly object _gate = new object();

        /// <summary>Creates a recording gateway over a copy of <paramref name="capture"/>.</summary>
        /// <param name="capture">The starting state.</param>
        /// <param name="isLocal">What <see cref="IsLocal"/> reports (true to exercise local-only code paths).</param>
        public RecordingCimGateway(CimCapture capture, bool isLocal = false)
        {
            _machine = new CaptureMachine(capture ?? throw new ArgumentNullException(nameof(capture)));
            IsLocal = isLocal;
        }

        /// <inheritdoc />
        public string ComputerName => _machine.ComputerName;

        /// <inheritdoc />
        public bool IsLocal { get; }

        /// <inheritdoc />
        public WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken) =>
            IsLocal ? _machine.Run(command) : WindowsCommandOutput.NotRun(WindowsCommandSources.RemoteReason);

        private const string SecuritySetting = "Win32_LogicalFileSecuritySetting";

        /// <summary>The folder of a <c>Path='C:\\Packages'</c> condition, unescaped.</summary>
        private static string WherePath(string? whereClause)
        {
            var match = System.Text.RegularExpressions.Regex.Match(whereClause ?? string.Empty, @"^Path='((?:[^'\\]|\\.)*)'$");
            return match.Success
                ? System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value, @"\\(.)", "$1")
                : throw new ArgumentException($"Expected Path='...', got '{whereClause}'.", nameof(whereClause));
        }

        /// <summary>The write calls received so far, in order.</summary>
        public IReadOnlyList<CimCall> Calls
        {
            get
            {
                lock (_gate)
                {
                    return _calls.ToArray();
                }
            }
        }

        /// <summary>The current state, including every applied write.</summary>
        public CimCapture Snapshot()
        {
            lock (_gate)
            {
                return _machine.ToCapture();
            }
        }

        /// <summary>
        /// Makes every later call of <paramref name="className"/>.<paramref name="methodName"/> return
        /// <paramref name="returnValue"/> without changing anything (the call is still recorded), to test failure paths.
        /// </summary>
        public void FailMethod(string className, string methodName, uint returnValue)
        {
            lock (_gate)
            {
                _forcedResults[className + "." + methodName] = returnValue;
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (string.Equals(className, SecuritySetting, StringComparison.OrdinalIgnoreCase))
                {
                    var path = WherePath(whereClause);
                    return _machine.ReadFolderSecurity(path).Exists
                        ? new[] { new CimObject("root/cimv2", SecuritySetting, new Dictionary<string, object?> { ["Path"] = path, ["Caption"] = path }) }
                        : Array.Empty<CimObject>();
                }

                try
                {
                    return _machine.Query(cimNamespace, className);
                }
                catch (CimGatewayException) when (string.Equals(className, "Win32_Process", StringComparison.OrdinalIgnoreCase))
                {
                    // Processes this gateway starts finish at once; an uncaptured process list is an empty one.
                    return Array.Empty<CimObject>();
                }
            }
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            arguments ??= new Dictionary<string, object?>();
            lock (_gate)
            {
                if (CaptureMachine.IsWrite(className, methodName))
                {
                    _calls.Add(new CimCall(CimCapture.NormalizeNamespace(cimNamespace), className, methodName, null, arguments));
                    if (_forcedResults.TryGetValue(className + "." + methodName, out var forced))
                    {
                        return Result(forced);
                    }
                }

                return _machine.InvokeStatic(cimNamespace, className, methodName, arguments);
            }
        }

        /// <inheritdoc />
        public IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
        {
            if (instance is null)
            {
                throw new ArgumentNullException(nameof(instance));
            }

            cancellationToken.ThrowIfCancellationRequested();
            arguments ??= new Dictionary<string, object?>();
            lock (_gate)
            {
                if (string.Equals(instance.ClassName, SecuritySetting, StringComparison.OrdinalIgnoreCase) && methodName == "GetSecurityDescriptor")
                {
                    var sddl = _machine.ReadFolderSecurity(instance.GetString("Path")!).Sddl!;
                    return new Dictionary<string, object?> { ["ReturnValue"] = 0u, ["Descriptor"] = SecurityDescriptorInstances.FromSddl(sddl) };
                }

                _calls.Add(new CimCall(instance.Namespace, instance.ClassName, methodName, instance.GetString("Name") ?? instance.GetString("Handle"), arguments));
                if (_forcedResults.TryGetValue(instance.ClassName + "." + methodName, out var forced))
                {
                    return Result(forced);
                }

                return _machine.InvokeInstance(instance, methodName, arguments);
            }
        }

        /// <inheritdoc />
        public CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _calls.Add(new CimCall(CimCapture.NormalizeNamespace(cimNamespace), className, "CreateInstance", null, properties));
                return _machine.Create(cimNamespace, className, properties);
            }
        }

        /// <inheritdoc />
        public void DeleteInstance(CimObject instance, CancellationToken cancellationToken)
        {
            if (instance is null)
            {
                throw new ArgumentNullException(nameof(instance));
            }

            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _calls.Add(new CimCall(instance.Namespace, instance.ClassName, "DeleteInstance", instance.GetString("Name"), instance.Properties));
                _machine.Delete(instance);
            }
        }

        private static IReadOnlyDictionary<string, object?> Result(uint code) =>
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = code };
    }
}
