using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>
    /// In Windows PowerShell 5.1 (.NET Framework) the module's private dependencies (System.Text.Json and its helpers) are
    /// loaded from the module folder when their exact version is asked for, so no binding redirects are needed. In
    /// PowerShell 7 nothing is registered: the runtime's own newer copies are used.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        /// <inheritdoc />
        public void OnImport()
        {
            if (IsDesktop())
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;
            }
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo module)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleDirectory;
        }

        private static bool IsDesktop() =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var candidate = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
