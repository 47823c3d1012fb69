using AzBackupTroubleshoot.Core.Network;

namespace AzBackupTroubleshoot.Core.Tests.Network
{
    /// <summary>A route record store in a temporary folder of its own (never the real state folder); Dispose deletes it.</summary>
    internal sealed class TempRouteRecord : IDisposable
    {
        public TempRouteRecord()
        {
            Folder = Path.Combine(Path.GetTempPath(), "abt-routes-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Store = new RouteRecordStore(Path.Combine(Folder, "routes"));
        }

        public string Folder { get; }

        public RouteRecordStore Store { get; }

        public void Dispose()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }
}
