using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>
    /// A throw-away network namespace <c>abt-test-&lt;random&gt;</c> with one interface (a dummy one, or one end of a veth
    /// pair where the kernel has no dummy driver), an address from TEST-NET-1 (192.0.2.0/24) and 2001:db8::/64, and default
    /// routes via 192.0.2.1 and 2001:db8::1. The host's own route table is never touched: every command runs with
    /// <c>ip -n &lt;namespace&gt;</c>. Dispose deletes the namespace.
    /// </summary>
    internal sealed class NetworkNamespace : IDisposable
    {
        public const string Device = "abt0";
        public const string Gateway4 = "192.0.2.1";
        public const string Gateway6 = "2001:db8::1";

        private NetworkNamespace(string name)
        {
            Name = name;
        }

        public string Name { get; }

        /// <summary>Arguments that make <c>ip</c> work inside the namespace.</summary>
        public IReadOnlyList<string> IpArguments => new[] { "-n", Name };

        /// <summary>Null when namespaces can be used here, else why not.</summary>
        public static string? WhyUnavailable()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return "not Linux: network namespaces are a Linux feature.";
            }

            var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : Array.Empty<string>();
            var uid = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault();
            if (uid != "0")
            {
                return "not root: creating a network namespace needs root (CI runs as root).";
            }

            if (FindIp() is null)
            {
                return "no 'ip' (iproute2) on PATH or in /usr/sbin, /sbin.";
            }

            return null;
        }

        public static string? FindIp()
        {
            var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" });
            return dirs.Where(d => d.Length > 0).Select(d => Path.Combine(d, "ip")).FirstOrDefault(File.Exists);
        }

        public static NetworkNamespace Create()
        {
            var ns = new NetworkNamespace("abt-test-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Ip("netns", "add", ns.Name);
            try
            {
                if (IpTry("-n", ns.Name, "link", "add", Device, "type", "dummy").ExitCode != 0)
                {
                    Ip("-n", ns.Name, "link", "add", Device, "type", "veth", "peer", "name", "abt0peer");
                    Ip("-n", ns.Name, "link", "set", "abt0peer", "up");
                }

                Ip("-n", ns.Name, "link", "set", Device, "up");
                Ip("-n", ns.Name, "addr", "add", "192.0.2.10/24", "dev", Device);
                Ip("-n", ns.Name, "addr", "add", "2001:db8::10/64", "dev", Device, "nodad");
                Ip("-n", ns.Name, "route", "add", "default", "via", Gateway4, "dev", Device);
                Ip("-n", ns.Name, "-6", "route", "add", "default", "via", Gateway6, "dev", Device);
                return ns;
            }
            catch
            {
                ns.Dispose();
                throw;
            }
        }

        /// <summary>Runs <c>ip -n &lt;ns&gt; ...</c> and fails on a non-zero exit.</summary>
        public string Exec(params string[] arguments) => Ip(new[] { "-n", Name }.Concat(arguments).ToArray());

        public (int ExitCode, string Output, string Error) TryExec(params string[] arguments) => IpTry(new[] { "-n", Name }.Concat(arguments).ToArray());

        public void Dispose()
        {
            IpTry("netns", "del", Name);
        }

        private static string Ip(params string[] arguments)
        {
            var result = IpTry(arguments);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"ip {string.Join(" ", arguments)} failed ({result.ExitCode}): {result.Error}");
            }

            return result.Output;
        }

        private static (int ExitCode, string Output, string Error) IpTry(params string[] arguments) =>
            NetworkFixtures.Run(FindIp() ?? "ip", arguments);
    }
}
