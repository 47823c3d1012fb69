using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using AzBackupTroubleshoot.Core.Loading;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// Runs when the module is imported.
    /// <para>PowerShell 7: refuses the import, with a message naming the versions that work, when the runtime's
    /// System.Text.Json is older than the one the module references (PowerShell 7.0–7.3). The runtime's copy always wins
    /// in PowerShell 7, so without this the import would succeed and the first cmdlet that reads JSON would fail with a
    /// FileLoadException.</para>
    /// <para>Windows PowerShell 5.1: registers an AssemblyResolve handler that loads the module's private dependencies from
    /// its Dependencies folder, for this module's own requests only (see <see cref="DependencyResolutionPolicy"/>).
    /// The folder keeps them out of the module folder, where .NET Framework's load-from probing would otherwise find them
    /// for any assembly loaded from there.</para>
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The folder of the private dependencies, under the module folder.</summary>
        public const string DependencyFolderName = "Dependencies";

        private static readonly object Gate = new object();

        // The AppDomain event needs one handler object to add and remove; this is the only state, and only on 5.1.
        private static ResolveEventHandler? _handler;

        /// <inheritdoc />
        public void OnImport()
        {
            if (IsDesktop())
            {
                Register();
                return;
            }

            var refusal = RuntimeCompatibility.RefusalMessage(
                false,
                RuntimeInformation.FrameworkDescription,
                PSVersionText(),
                ReferencedJsonVersion(),
                RuntimeJsonVersion());
            if (refusal != null)
            {
                var record = new ErrorRecord(new PSNotSupportedException(refusal), ErrorIds.UnsupportedPowerShell, ErrorCategory.NotInstalled, null)
                {
                    ErrorDetails = new ErrorDetails(refusal) { RecommendedAction = $"Use {RuntimeCompatibility.Supported}." },
                };
                throw new UnsupportedPowerShellException(refusal, record);
            }
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo module)
        {
            lock (Gate)
            {
                if (_handler != null)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= _handler;
                    _handler = null;
                }
            }
        }

        private static bool IsDesktop() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static string PSVersionText()
        {
            // PSVersionInfo is internal in the reference assemblies; the engine assembly's version is close enough for
            // the message, and $PSVersionTable is not reachable without a runspace here.
            var engine = typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return string.IsNullOrEmpty(engine) ? typeof(PSObject).Assembly.GetName().Version?.ToString() ?? "?" : engine!.Split('+', ' ')[0];
        }

        /// <summary>The System.Text.Json version the Core assembly references (its metadata; nothing is loaded).</summary>
        private static Version ReferencedJsonVersion() =>
            typeof(RuntimeCompatibility).Assembly.GetReferencedAssemblies()
                .FirstOrDefault(a => string.Equals(a.Name, "System.Text.Json", StringComparison.OrdinalIgnoreCase))?.Version
            ?? new Version(0, 0);

        /// <summary>
        /// The System.Text.Json version the runtime binds: its trusted platform assembly (the copy in the shared framework,
        /// which wins over any module's copy), else a copy already loaded.
        /// </summary>
        private static Version? RuntimeJsonVersion()
        {
            try
            {
                var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string;
                var path = (tpa ?? string.Empty).Split(Path.PathSeparator)
                    .FirstOrDefault(p => string.Equals(Path.GetFileName(p), "System.Text.Json.dll", StringComparison.OrdinalIgnoreCase));
                if (path != null)
                {
                    return AssemblyName.GetAssemblyName(path).Version;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                // Fall back to what is loaded.
            }

            return AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetName())
                .Where(n => string.Equals(n.Name, "System.Text.Json", StringComparison.OrdinalIgnoreCase))
                .Select(n => n.Version)
                .OrderByDescending(v => v)
                .FirstOrDefault();
        }

        private static void Register()
        {
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
            var policy = new DependencyResolutionPolicy(
                ReadDependencies(Path.Combine(moduleDirectory, DependencyFolderName)),
                new[] { typeof(ModuleInitializer).Assembly.Location, typeof(RuntimeCompatibility).Assembly.Location });
            lock (Gate)
            {
                if (_handler != null)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= _handler;
                }

                _handler = (sender, args) => Resolve(policy, args);
                AppDomain.CurrentDomain.AssemblyResolve += _handler;
            }
        }

        /// <summary>The handler: never throws (a resolver that throws breaks every other module's load).</summary>
        private static Assembly? Resolve(DependencyResolutionPolicy policy, ResolveEventArgs args)
        {
            try
            {
                string? requester = null;
                if (args.RequestingAssembly != null && !args.RequestingAssembly.IsDynamic)
                {
                    requester = args.RequestingAssembly.Location;
                }

                var decision = policy.Decide(args.Name, requester);
                return decision.Path is null ? null : Assembly.LoadFrom(decision.Path);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static IEnumerable<PrivateDependency> ReadDependencies(string folder)
        {
            var found = new List<PrivateDependency>();
            string[] files;
            try
            {
                files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll") : Array.Empty<string>();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return found;
            }

            foreach (var file in files)
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(file);
                    var token = name.GetPublicKeyToken() ?? Array.Empty<byte>();
                    found.Add(new PrivateDependency(name.Name ?? Path.GetFileNameWithoutExtension(file), name.Version ?? new Version(0, 0), string.Concat(token.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))), file));
                }
                catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException || ex is ArgumentException)
                {
                    // Not an assembly: never answered with.
                }
            }

            return found;
        }
    }
}
