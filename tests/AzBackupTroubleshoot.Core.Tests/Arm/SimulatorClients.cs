using System.Collections.Concurrent;
using AzBackupTroubleshoot.ArmSimulator;
using AzBackupTroubleshoot.Core.Arm;

namespace AzBackupTroubleshoot.Core.Tests.Arm
{
    /// <summary>Builds ARM clients pointed at a running simulator, with fast retries and a bucket matching the simulator's.</summary>
    internal static class SimulatorClients
    {
        public static ArmClientOptions Options(ArmSimulatorServer simulator, ConcurrentQueue<string>? log = null)
        {
            var options = new ArmClientOptions(simulator.BaseUri)
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                RetryMaxDelay = TimeSpan.FromMilliseconds(400),
                DefaultPollInterval = TimeSpan.FromMilliseconds(100),
                RequestTimeout = TimeSpan.FromSeconds(20),
                RetrySeed = 7,
                Log = log is null ? null : log.Enqueue,
            };
            var reads = simulator.Options.Reads;
            if (reads != null)
            {
                options.RateLimits.Reads = new ArmRateLimit(reads.Capacity, reads.RefillPerSecond);
            }

            return options;
        }

        public static ArmClient Create(ArmSimulatorServer simulator, ConcurrentQueue<string>? log = null, string? token = null) =>
            new ArmClient(Options(simulator, log), new FixedTokenProvider(token ?? simulator.Options.Token));
    }
}
