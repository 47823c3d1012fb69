using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AzBackupTroubleshoot.Core.Loading;

namespace AzBackupTroubleshoot.Core.Tests.Loading
{
    /// <summary>The built module in out/AzBackupTroubleshoot (build.ps1 -Task Build lays it out before the tests run).</summary>
    internal static class BuiltModule
    {
        public static string Directory
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln")))
                {
                    dir = dir.Parent;
                }

                var module = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "out", "AzBackupTroubleshoot");
                return File.Exists(Path.Combine(module, "AzBackupTroubleshoot.dll"))
                    ? module
                    : throw new InvalidOperationException($"The module is not built: run ./build.ps1 -Task Build first ({module} is missing).");
            }
        }

        public static string[] OwnAssemblies => new[] { Path.Combine(Directory, "AzBackupTroubleshoot.dll"), Path.Combine(Directory, "AzBackupTroubleshoot.Core.dll") };

        /// <summary>The files of Dependencies/, with the names, versions and tokens in their metadata.</summary>
        public static IReadOnlyList<PrivateDependency> Dependencies =>
            System.IO.Directory.GetFiles(Path.Combine(Directory, "Dependencies"), "*.dll")
                .Select(f =>
                {
                    var n = AssemblyName.GetAssemblyName(f);
                    return new PrivateDependency(n.Name!, n.Version!, Hex(n.GetPublicKeyToken()), f);
                })
                .ToList();

        /// <summary>The assembly references in a file's metadata, as display names.</summary>
        public static IReadOnlyList<AssemblyName> References(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h =>
            {
                var r = md.GetAssemblyReference(h);
                var name = new AssemblyName { Name = md.GetString(r.Name), Version = r.Version, CultureName = string.Empty };
                var blob = md.GetBlobBytes(r.PublicKeyOrToken);
                if ((r.Flags & System.Reflection.AssemblyFlags.PublicKey) != 0)
                {
                    name.SetPublicKey(blob);
                }
                else
                {
                    name.SetPublicKeyToken(blob);
                }

                return name;
            }).ToList();
        }

        public static string Hex(byte[]? bytes) => bytes is null ? string.Empty : string.Concat(bytes.Select(b => b.ToString("x2")));
    }
}
