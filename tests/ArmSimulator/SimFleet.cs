using System.Collections.Generic;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>The kinds of VM in the mixed fleet, by index modulo 10.</summary>
    public enum SimVmKind
    {
        HealthyWindows = 0,
        HealthyLinux = 1,
        AgentNotReady = 2,
        OldWindowsAgent = 3,
        OldLinuxAgent = 4,
        FailedSnapshotExtension = 5,
        Deallocated = 6,
        FailedBackupJobs = 7,
        NotProtected = 8,
        FailedLinuxExtensions = 9,
    }

    /// <summary>Generates fleets of simulated VMs.</summary>
    public static class SimFleet
    {
        /// <summary>The message of a known agent error (the article's UserErrorGuestAgentStatusUnavailable text).</summary>
        public const string KnownJobMessage = "VM Agent unable to communicate with Azure Backup";

        /// <summary>A message no knowledge base knows.</summary>
        public const string UnknownJobMessage = "Simulated error text that matches no known cause.";

        public static SimVmKind KindOf(int index) => (SimVmKind)(index % 10);

        /// <summary>The restore point resource group Azure Backup creates for a region: AzureBackupRG_{region}_1.</summary>
        public static string BackupResourceGroup(string location) => "AzureBackupRG_" + location + "_1";

        /// <summary>VM number <paramref name="index"/> of the mixed fleet: every kind of SimVmKind in turn.</summary>
        public static SimVm Mixed(int index)
        {
            var vm = new SimVm($"vm{index:D4}", "rg-fleet-" + (index % 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            switch (KindOf(index))
            {
                case SimVmKind.HealthyLinux:
                    Linux(vm, "2.9.1.1");
                    break;
                case SimVmKind.AgentNotReady:
                    vm.Agent = SimAgentState.NotReady;
                    vm.AgentVersion = "Unknown";
                    break;
                case SimVmKind.OldWindowsAgent:
                    vm.AgentVersion = "2.7.41491.949";
                    break;
                case SimVmKind.OldLinuxAgent:
                    Linux(vm, "2.2.49.2");
                    break;
                case SimVmKind.FailedSnapshotExtension:
                    vm.SnapshotExtension = SimExtensionState.Failed;
                    break;
                case SimVmKind.Deallocated:
                    Linux(vm, "2.9.1.1");
                    vm.PowerState = "deallocated";
                    break;
                case SimVmKind.FailedBackupJobs:
                    vm.FailedJobs.Add(new List<SimJobError> { new SimJobError(400038, KnownJobMessage) });
                    vm.FailedJobs.Add(new List<SimJobError> { new SimJobError(400038, KnownJobMessage) });
                    break;
                case SimVmKind.NotProtected:
                    vm.Protected = false;
                    break;
                case SimVmKind.FailedLinuxExtensions:
                    Linux(vm, "2.9.1.1");
                    vm.SnapshotExtension = SimExtensionState.Failed;
                    vm.OtherExtensionFailed = true;
                    vm.FailedJobs.Add(new List<SimJobError> { new SimJobError(999999, UnknownJobMessage) });
                    break;
            }

            return vm;
        }

        /// <summary>Makes <paramref name="vm"/>'s Azure Monitor agent extension fail while its backup extension stays healthy.</summary>
        public static SimVm WithFailedMonitorAgent(SimVm vm)
        {
            vm.OtherExtensionFailed = true;
            vm.OtherExtensionName = vm.OsType == "Linux" ? "AzureMonitorLinuxAgent" : "AzureMonitorWindowsAgent";
            vm.SnapshotExtension = SimExtensionState.Succeeded;
            return vm;
        }

        public static List<SimVm> MixedFleet(int count)
        {
            var vms = new List<SimVm>(count);
            for (var i = 0; i < count; i++)
            {
                vms.Add(Mixed(i));
            }

            return vms;
        }

        private static void Linux(SimVm vm, string agentVersion)
        {
            vm.OsType = "Linux";
            vm.AgentVersion = agentVersion;
        }
    }
}
