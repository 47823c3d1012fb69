namespace AzBackupTroubleshoot.ArmSimulator
{
    internal enum Fault
    {
        None,
        Throttle,
        ServerError,
        Drop,
    }

    /// <summary>Draws the fault of each request from a seeded random sequence.</summary>
    internal sealed class FaultInjector
    {
        private static readonly int[] ServerErrors = { 500, 502, 503, 504 };
        private readonly object _gate = new object();
        private readonly FaultOptions _options;
        private readonly Random _random;

        public FaultInjector(FaultOptions options)
        {
            _options = options;
            _random = new Random(options.Seed);
        }

        public Fault Next(string method, string path)
        {
            if (_options.Applies != null && !_options.Applies(method, path))
            {
                return Fault.None;
            }

            double draw;
            lock (_gate)
            {
                draw = _random.NextDouble();
            }

            if (draw < _options.ThrottleRate)
            {
                return Fault.Throttle;
            }

            draw -= _options.ThrottleRate;
            if (draw < _options.ServerErrorRate)
            {
                return Fault.ServerError;
            }

            draw -= _options.ServerErrorRate;
            return draw < _options.DropRate ? Fault.Drop : Fault.None;
        }

        public int ServerErrorStatus()
        {
            lock (_gate)
            {
                return ServerErrors[_random.Next(ServerErrors.Length)];
            }
        }
    }
}
