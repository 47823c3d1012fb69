namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>A fact that needs python3 on PATH; skipped with that reason otherwise (xunit 2 has no runtime skip).</summary>
    public sealed class PythonFactAttribute : FactAttribute
    {
        public PythonFactAttribute()
        {
            if (NetworkFixtures.FindPython() is null)
            {
                Skip = "python3 is not on PATH: the comparison with ipaddress.collapse_addresses cannot run.";
            }
        }
    }

    /// <summary>A fact that changes routes inside a network namespace of its own: needs Linux, root and iproute2's ip.</summary>
    public sealed class NetnsFactAttribute : FactAttribute
    {
        public NetnsFactAttribute()
        {
            Skip = NetworkNamespace.WhyUnavailable();
        }
    }
}
