namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Runs the simulator as its own process (for Pester): prints "LISTENING &lt;url&gt;" and serves until standard input
    /// closes or the process is stopped. Arguments: --vms N --token T [--port P] [--latency-ms L] [--no-buckets]
    /// [--fixtures DIR] [--subscription ID] [--tenant ID] [--foreign-token TOKEN=ISSUING-TENANT] [--async-operation] [--lock-backup-rg LEVEL] [--lock-subscription LEVEL]
    /// [--no-backup-rg] [--monitor-failed INDEX] (that VM's Azure Monitor agent extension failed, its backup extension healthy)
    /// [--tenant-subscriptions N (SimFleet.TenantFleet over N subscriptions instead of the mixed fleet)]
    /// [--management-group NAME (a management group holding every subscription)] [--graph-reject SUBSCRIPTION]
    /// [--scenarios] (the fleet of SimFleet.ScenarioFleet instead of the mixed one).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var options = new SimulatorOptions { OperationRetryAfterSeconds = 1 };
            var count = 10;
            var scenarios = false;
            var port = 0;
            var tenantSubscriptions = 0;
            var managementGroups = new System.Collections.Generic.List<string>();
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
                    case "--tenant": options.TenantId = Next(); break;
                    case "--foreign-token":
                        var pair = Next().Split('=', 2);
                        options.ForeignTokens[pair[0]] = pair.Length == 2 ? pair[1] : "00000000-0000-0000-0000-00000000f0f0";
                        break;
                    case "--async-operation": options.UseAsyncOperationHeader = true; break;
                    case "--lock-backup-rg": options.Locks.Add(new SimLock("backup-rg-lock", Next(), SimFleet.BackupResourceGroup("westus"), "Set by --lock-backup-rg")); break;
                    case "--lock-subscription": options.Locks.Add(new SimLock("subscription-lock", Next(), null, "Set by --lock-subscription")); break;
                    case "--no-backup-rg": options.CreateBackupResourceGroups = false; break;
                    case "--tenant-subscriptions": tenantSubscriptions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--management-group": managementGroups.Add(Next()); break;
                    case "--graph-reject": options.GraphRejectSubscriptions.Add(Next()); break;
                    case "--scenarios": scenarios = true; break;
                    case "--monitor-failed": monitorFailed.Add(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    default:
                        Console.Error.WriteLine($"Unknown argument {args[i]}.");
                        return 2;
                }
            }

            options.Vms = scenarios ? SimFleet.ScenarioFleet() : tenantSubscriptions > 0 ? SimFleet.TenantFleet(count, tenantSubscriptions) : SimFleet.MixedFleet(count);
            foreach (var group in managementGroups)
            {
                options.ManagementGroups[group] = options.Vms.Select(v => v.SubscriptionId ?? options.SubscriptionId).Distinct().ToList();
            }

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
