using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Facts.Windows.Commands;
using AzBackupTroubleshoot.Core.Facts.Windows.Security;

namespace AzBackupTroubleshoot.Core.Sources.Windows
{
    /// <summary>
    /// A capture turned into a small machine that answers CIM calls: queries by class, StdRegProv over the registry
    /// section, Win32_Directory and CIM_DataFile from the files section, and the Win32_Service and Win32_Process methods
    /// the repairs use, applied to its own copy of the data.
    /// </summary>
    internal sealed class CaptureMachine
    {
        private const string Cimv2 = "root/cimv2";
        private readonly CimCapture _capture;
        private readonly Dictionary<string, List<CimObject>>? _instances;
        private readonly CaptureRegistryStore? _registry;
        private uint _nextProcessId = 4100;

        public CaptureMachine(CimCapture capture)
        {
            _capture = capture ?? throw new ArgumentNullException(nameof(capture));
            if (capture.Instances != null)
            {
                _instances = new Dictionary<string, List<CimObject>>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in capture.Instances)
                {
                    _instances[pair.Key] = pair.Value.ToList();
                }
            }

            if (capture.Registry != null)
            {
                _registry = new CaptureRegistryStore(capture.Registry);
            }
        }

        public string ComputerName => _capture.ComputerName;

        public IReadOnlyList<CimObject> Query(string cimNamespace, string className)
        {
            var key = CimCapture.ClassKey(cimNamespace, className);
            if (_instances != null && _instances.TryGetValue(key, out var list))
            {
                return list.ToArray();
            }

            if (IsCimv2(cimNamespace) && _capture.Files != null)
            {
                if (string.Equals(className, "Win32_Directory", StringComparison.OrdinalIgnoreCase))
                {
                    return _capture.Files.Where(f => f.IsDirectory).Select(f => FileInstance(className, f)).ToArray();
                }

                if (string.Equals(className, "CIM_DataFile", StringComparison.OrdinalIgnoreCase))
                {
                    return _capture.Files.Where(f => !f.IsDirectory).Select(f => FileInstance(className, f)).ToArray();
                }
            }

            throw NotCaptured($"the class {key} is not in the capture");
        }

        /// <summary>
        /// The captured security descriptor of a folder; a section that was not captured, or a folder not in it, is
        /// <see cref="CimGatewayException.NotInCapture"/>; a section that is not well formed is a <see cref="FormatException"/>.
        /// </summary>
        public FolderSecurityRecord ReadFolderSecurity(string path)
        {
            var section = _capture.FolderSecurity ?? throw NotCaptured("the folderSecurity section is not in the capture");
            if (section.Problem != null)
            {
                throw new FormatException(section.Problem);
            }

            return section.Folders.TryGetValue(path.TrimEnd('\\'), out var record)
                ? record
                : throw NotCaptured($"the permissions of {path} are not in the capture (folderSecurity)");
        }

        /// <summary>The captured output of a command (or why it was not run when the capture was taken); not captured is <see cref="CimGatewayException.NotInCapture"/>.</summary>
        public WindowsCommandOutput Run(WindowsCommand command)
        {
            if (_capture.Commands == null || !_capture.Commands.TryGetValue(command.Name, out var captured))
            {
                throw NotCaptured($"the output of '{command.Name}' is not in the capture");
            }

            return captured;
        }

        /// <summary>True when the call would change the machine.</summary>
        public static bool IsWrite(string className, string methodName) =>
            !string.Equals(className, "StdRegProv", StringComparison.OrdinalIgnoreCase) || StdRegProvEmulator.IsWrite(methodName);

        public IReadOnlyDictionary<string, object?> InvokeStatic(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments)
        {
            if (string.Equals(className, "StdRegProv", StringComparison.OrdinalIgnoreCase) && StdRegProvEmulator.Handles(methodName))
            {
                if (_registry == null)
                {
                    throw NotCaptured("the registry is not in the capture");
                }

                return StdRegProvEmulator.Invoke(_registry, methodName, arguments);
            }

            if (IsCimv2(cimNamespace) && string.Equals(className, "Win32_Process", StringComparison.OrdinalIgnoreCase) && string.Equals(methodName, "Create", StringComparison.OrdinalIgnoreCase))
            {
                // The process is taken to have run to its end at once: it never shows in Win32_Process.
                return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = 0u, ["ProcessId"] = _nextProcessId++ };
            }

            throw NotEmulated($"{className}.{methodName}");
        }

        public IReadOnlyDictionary<string, object?> InvokeInstance(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments)
        {
            if (!string.Equals(instance.ClassName, "Win32_Service", StringComparison.OrdinalIgnoreCase))
            {
                throw NotEmulated($"{instance.ClassName}.{methodName}");
            }

            var list = ListOf(instance);
            var index = IndexOf(list, instance);
            if (index < 0)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, ComputerName, $"The service '{instance.GetString("Name")}' is not in the capture.");
            }

            var current = list[index];
            var properties = current.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            uint code;
            switch (methodName.ToUpperInvariant())
            {
                case "STARTSERVICE":
                    code = string.Equals(current.GetString("StartMode"), "Disabled", StringComparison.OrdinalIgnoreCase) ? 14u
                        : string.Equals(current.GetString("State"), "Running", StringComparison.OrdinalIgnoreCase) ? 10u
                        : 0u;
                    if (code == 0)
                    {
                        properties["State"] = "Running";
                        properties["Started"] = true;
                        properties["ProcessId"] = _nextProcessId++;
                    }

                    break;
                case "STOPSERVICE":
                    code = string.Equals(current.GetString("State"), "Stopped", StringComparison.OrdinalIgnoreCase) ? 5u : 0u;
                    if (code == 0)
                    {
                        properties["State"] = "Stopped";
                        properties["Started"] = false;
                        properties["ProcessId"] = 0u;
                    }

                    break;
                case "CHANGESTARTMODE":
                    var mode = StartModeName(Convert.ToString(Find(arguments, "StartMode"), CultureInfo.InvariantCulture));
                    code = mode == null ? 21u : 0u;
                    if (mode != null)
                    {
                        properties["StartMode"] = mode;
                    }

                    break;
                default:
                    throw NotEmulated($"Win32_Service.{methodName}");
            }

            list[index] = new CimObject(current.Namespace, current.ClassName, properties);
            return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = code };
        }

        public CimObject Create(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties)
        {
            var created = new CimObject(CimCapture.NormalizeNamespace(cimNamespace), className, properties);
            var key = CimCapture.ClassKey(cimNamespace, className);
            var instances = _instances ?? throw NotCaptured("no CIM instances are in the capture");
            if (!instances.TryGetValue(key, out var list))
            {
                list = new List<CimObject>();
                instances[key] = list;
            }

            list.Add(created);
            return created;
        }

        public void Delete(CimObject instance)
        {
            var list = ListOf(instance);
            var index = IndexOf(list, instance);
            if (index < 0)
            {
                throw new CimGatewayException(CimGatewayException.OperationFailed, ComputerName, $"The instance {instance} is not in the capture.");
            }

            list.RemoveAt(index);
        }

        /// <summary>The machine's current state as a capture (what the writes made of it).</summary>
        public CimCapture ToCapture() => new CimCapture(
            _capture.ComputerName,
            _capture.CapturedUtc,
            _instances?.ToDictionary(p => p.Key, p => (IReadOnlyList<CimObject>)p.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            _registry?.ToCaptured(),
            _capture.Files,
            _capture.Description,
            _capture.Commands,
            _capture.FormatVersion,
            _capture.FolderSecurity);

        private List<CimObject> ListOf(CimObject instance)
        {
            var key = CimCapture.ClassKey(instance.Namespace, instance.ClassName);
            if (_instances == null || !_instances.TryGetValue(key, out var list))
            {
                throw NotCaptured($"the class {key} is not in the capture");
            }

            return list;
        }

        private static int IndexOf(List<CimObject> list, CimObject instance)
        {
            var index = list.IndexOf(instance);
            if (index >= 0)
            {
                return index;
            }

            // An instance read earlier (before a method replaced it): match on its key property.
            var name = instance.GetString("Name") ?? instance.GetString("Handle");
            return name == null ? -1 : list.FindIndex(o => string.Equals(o.GetString("Name") ?? o.GetString("Handle"), name, StringComparison.OrdinalIgnoreCase));
        }

        private static string? StartModeName(string? requested)
        {
            switch ((requested ?? string.Empty).ToUpperInvariant())
            {
                case "AUTOMATIC":
                    return "Auto";
                case "MANUAL":
                    return "Manual";
                case "DISABLED":
                    return "Disabled";
                case "BOOT":
                    return "Boot";
                case "SYSTEM":
                    return "System";
                default:
                    return null;
            }
        }

        private static object? Find(IReadOnlyDictionary<string, object?> arguments, string name) =>
            arguments.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        private static bool IsCimv2(string cimNamespace) => string.Equals(CimCapture.NormalizeNamespace(cimNamespace), Cimv2, StringComparison.OrdinalIgnoreCase);

        private static CimObject FileInstance(string className, CapturedFile file)
        {
            // The shape Win32_Directory and CIM_DataFile have: Drive "c:", Path "\folder\", FileName without extension.
            var drive = file.Path.Substring(0, 2).ToLowerInvariant();
            var lastSlash = file.Path.LastIndexOf('\\');
            var folder = file.Path.Substring(2, lastSlash - 1);
            var leaf = file.Path.Substring(lastSlash + 1);
            var dot = file.IsDirectory ? -1 : leaf.LastIndexOf('.');
            var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Name"] = file.Path,
                ["Drive"] = drive,
                ["Path"] = folder,
                ["FileName"] = dot < 0 ? leaf : leaf.Substring(0, dot),
                ["Extension"] = dot < 0 ? string.Empty : leaf.Substring(dot + 1),
                ["FileType"] = file.IsDirectory ? "File Folder" : (dot < 0 ? "File" : leaf.Substring(dot + 1).ToUpperInvariant() + " File"),
            };
            if (file.Size.HasValue)
            {
                properties["FileSize"] = file.Size.Value;
            }

            if (file.LastModifiedUtc.HasValue)
            {
                properties["LastModified"] = file.LastModifiedUtc.Value.UtcDateTime;
            }

            if (file.Version != null)
            {
                properties["Version"] = file.Version;
            }

            return new CimObject(Cimv2, className, properties);
        }

        private CimGatewayException NotCaptured(string what) =>
            new CimGatewayException(CimGatewayException.NotInCapture, ComputerName, $"Capture of '{ComputerName}': {what}.");

        private CimGatewayException NotEmulated(string method) =>
            new CimGatewayException(CimGatewayException.MethodNotEmulated, ComputerName, $"{method} is not emulated for captures.");
    }
}
