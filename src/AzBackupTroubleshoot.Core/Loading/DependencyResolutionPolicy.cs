using System.Reflection;

namespace AzBackupTroubleshoot.Core.Loading
{
    /// <summary>
    /// The decision behind the module's AssemblyResolve handler in Windows PowerShell 5.1 (.NET Framework), kept free of
    /// I/O so it can be tested on real names and versions. A request is answered only when all of these hold:
    /// <list type="number">
    /// <item>the requested simple name is one of the module's private dependencies (the files in its Dependencies folder);</item>
    /// <item>the request carries a version, and the file's version is at least that version (a newer file serves an older
    /// request, as a binding redirect would; an older file never serves a newer request);</item>
    /// <item>the public key token matches when the request names one;</item>
    /// <item>the requesting assembly is one of the module's own files: its two assemblies or a file in its Dependencies folder.</item>
    /// </list>
    /// A request without a requesting assembly is declined. .NET Framework names the requesting assembly whenever it binds a
    /// static reference of a loaded assembly, and that is the only way this module reaches its dependencies (no
    /// Assembly.Load by name, no assembly-qualified type names into them). A request without one is a load by name whose
    /// owner cannot be known; answering it could hand another module (Az.Accounts preloads System.Buffers 4.0.3.0,
    /// System.Runtime.CompilerServices.Unsafe 6.0.0.0 and System.Threading.Tasks.Extensions 4.2.0.1, the same identities as
    /// ours) our copy instead of its own.
    /// </summary>
    public sealed class DependencyResolutionPolicy
    {
        private readonly Dictionary<string, PrivateDependency> _dependencies;
        private readonly HashSet<string> _ownFiles;

        /// <summary>Creates the policy.</summary>
        /// <param name="dependencies">The files of the Dependencies folder.</param>
        /// <param name="moduleAssemblyPaths">The full paths of the module's own assemblies (AzBackupTroubleshoot.dll and AzBackupTroubleshoot.Core.dll).</param>
        /// <param name="ignoreCase">Compare paths without case (Windows file systems).</param>
        public DependencyResolutionPolicy(IEnumerable<PrivateDependency> dependencies, IEnumerable<string> moduleAssemblyPaths, bool ignoreCase = true)
        {
            var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            _dependencies = new Dictionary<string, PrivateDependency>(StringComparer.OrdinalIgnoreCase);
            foreach (var dependency in dependencies ?? throw new ArgumentNullException(nameof(dependencies)))
            {
                // Two files with one name cannot both be loaded; keep the newer.
                if (!_dependencies.TryGetValue(dependency.Name, out var known) || known.Version < dependency.Version)
                {
                    _dependencies[dependency.Name] = dependency;
                }
            }

            _ownFiles = new HashSet<string>((moduleAssemblyPaths ?? throw new ArgumentNullException(nameof(moduleAssemblyPaths))).Select(Normalize), comparer);
            _ownFiles.UnionWith(_dependencies.Values.Select(d => Normalize(d.Path)));
        }

        /// <summary>The dependencies the policy may answer with, by name.</summary>
        public IReadOnlyCollection<PrivateDependency> Dependencies => _dependencies.Values;

        /// <summary>Decides one request.</summary>
        /// <param name="requestedAssembly">The requested display name (ResolveEventArgs.Name).</param>
        /// <param name="requestingAssemblyLocation">The Location of ResolveEventArgs.RequestingAssembly, or null when there is none.</param>
        public DependencyDecision Decide(string? requestedAssembly, string? requestingAssemblyLocation)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(requestedAssembly ?? string.Empty);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is System.IO.FileLoadException)
            {
                return DependencyDecision.Decline($"'{requestedAssembly}' is not an assembly name.");
            }

            if (string.IsNullOrEmpty(requested.Name) || !_dependencies.TryGetValue(requested.Name, out var dependency))
            {
                return DependencyDecision.Decline($"{requested.Name} is not a private dependency of this module.");
            }

            if (requested.Version is null)
            {
                return DependencyDecision.Decline($"The request for {requested.Name} names no version.");
            }

            if (dependency.Version < requested.Version)
            {
                return DependencyDecision.Decline($"{requested.Name} {requested.Version} was asked for; the module's copy is older ({dependency.Version}).");
            }

            var token = Token(requested);
            if (token.Length > 0 && !string.Equals(token, dependency.PublicKeyToken, StringComparison.OrdinalIgnoreCase))
            {
                return DependencyDecision.Decline($"{requested.Name} was asked for with public key token {token}; the module's copy has {(dependency.PublicKeyToken.Length == 0 ? "none" : dependency.PublicKeyToken)}.");
            }

            if (string.IsNullOrEmpty(requestingAssemblyLocation))
            {
                return DependencyDecision.Decline($"The request for {requested.Name} {requested.Version} names no requesting assembly, so it may be another module's.");
            }

            if (!_ownFiles.Contains(Normalize(requestingAssemblyLocation!)))
            {
                return DependencyDecision.Decline($"{requested.Name} {requested.Version} was asked for by {requestingAssemblyLocation}, which is not this module's.");
            }

            return DependencyDecision.Load(dependency.Path, $"{requested.Name} {requested.Version} for this module: its copy is {dependency.Version}.");
        }

        private static string Token(AssemblyName name)
        {
            var bytes = name.GetPublicKeyToken();
            return bytes is null || bytes.Length == 0 ? string.Empty : string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        private static string Normalize(string path) => path.Replace('\\', '/');
    }
}
