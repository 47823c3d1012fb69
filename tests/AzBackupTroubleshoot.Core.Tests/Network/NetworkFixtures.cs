using System.Diagnostics;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>Finds the shared read-only fixtures (../shared/fixtures beside the repository) and the repository's files.</summary>
    internal static class NetworkFixtures
    {
        public static string RepositoryRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln")))
                {
                    dir = dir.Parent;
                }

                return dir?.FullName ?? throw new InvalidOperationException("AzBackupTroubleshoot.sln not found above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>The first <c>shared/fixtures</c> folder found beside the repository or one of its parents.</summary>
        public static string FixturesRoot
        {
            get
            {
                // The repository's own copy of the fixtures first (tests/fixtures), then shared/fixtures beside it.
                var own = Path.Combine(RepositoryRoot, "tests", "fixtures");
                if (Directory.Exists(own))
                {
                    return own;
                }

                for (var dir = new DirectoryInfo(RepositoryRoot); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                throw new InvalidOperationException("shared/fixtures not found beside " + RepositoryRoot);
            }
        }

        public static string ServiceTagsPublic => Path.Combine(FixturesRoot, "servicetags", "ServiceTags_Public.json");

        public static string Arm(string name) => Path.Combine(FixturesRoot, "arm", name);

        public static string CollapseScript => Path.Combine(RepositoryRoot, "bench", "servicetags", "collapse.py");

        /// <summary>The python3 on PATH, or null.</summary>
        public static string? FindPython()
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, "python3")))
                {
                    return Path.Combine(dir, "python3");
                }
            }

            return null;
        }

        /// <summary>Runs a program with an argument list and returns (exit code, stdout, stderr).</summary>
        public static (int ExitCode, string Output, string Error) Run(string fileName, params string[] arguments)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
