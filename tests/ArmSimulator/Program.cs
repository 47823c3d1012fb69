using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Runs the simulator as its own process (for Pester): prints "LISTENING &lt;url&gt;" and serves until standard input
    /// closes or the process is stopped. Arguments: --vms N --token T [--port P] [--latency-ms L] [--no-buckets]
    /// [--fixtures DIR] [--subscription ID] [--async-operation] [--lock-backup-rg LEVEL] [--lock-subscription LEVEL]
    /// [--no-backup-rg] [--monitor-failed INDEX] (that VM's Azure Monitor agent extension failed, its backup extension healthy).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var options = new SimulatorOptions { OperationRetryAfterSeconds = 1 };
            var count = 10;
            var port = 0;
            var monitorFailed = new System.Collections.Generic.List<int>();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--vms": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--token": options.Token = Next(); break;
                    case "--port": port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--no-buckets": options.Reads = options.Deletes = options.Writes = null; break;
                    case "--fixtures": options.FixtureDirectory = Next(); break;
                    case "--subscription": options.SubscriptionId = Next(); break;
                    case "--async-operation": options.UseAsyncOperationHeader = true; break;
                    case "--lock-backup-rg": options.Locks.Add(new SimLock("backup-rg-lock", Next(), SimFleet.BackupResourceGroup("westus"), "Set by --lock-backup-rg")); break;
                    case "--lock-subscription": options.Locks.Add(new SimLock("subscription-lock", Next(), null, "Set by --lock-subscription")); break;
                    case "--no-backup-rg": options.CreateBackupResourceGroups = false; break;
                    case "--monitor-failed": monitorFailed.Add(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    default:
                        Console.Error.WriteLine($"Unknown argument {args[i]}.");
                        return 2;
                }
            }

            options.Vms = SimFleet.MixedFleet(count);
            foreach (var index in monitorFailed)
            {
                SimFleet.WithFailedMonitorAgent(options.Vms[index]);
            }

            await using var server = await ArmSimulatorServer.StartAsync(options, port).ConfigureAwait(false);
            Console.WriteLine("LISTENING " + server.BaseUri.AbsoluteUri);
            Console.Out.Flush();

            // Not disposed: the exit handlers may run after Main has returned.
            var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
            var stdinClosed = Task.Run(() =>
            {
                while (Console.In.ReadLine() != null)
                {
                }
            });
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
            return 0;
        }
    }
}
