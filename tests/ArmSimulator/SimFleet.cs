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

        /// <summary>
        /// The scenarios of the Azure checks for the current articles' newer codes: one VM each (vm-{scenario} in
        /// rg-scenarios), healthy but for the one condition its check looks for; "healthy" has none.
        /// </summary>
        public static List<SimVm> ScenarioFleet()
        {
            SimVm Vm(string scenario, System.Action<SimVm> set)
            {
                var vm = new SimVm("vm-" + scenario, "rg-scenarios");
                set(vm);
                return vm;
            }

            return new List<SimVm>
            {
                Vm("healthy", _ => { }),
                Vm("job-in-progress", v => v.RunningJobOperation = "Backup"),
                Vm("protection-stopped", v => v.ProtectionState = "ProtectionStopped"),
                Vm("restore-point-limit", v => { v.InstantRestorePoints = 18; v.FailedJobs.Add(new List<SimJobError> { new SimJobError(400281, RestorePointLimitJobMessage) }); }),
                Vm("key-vault-access", v => { v.Encrypted = true; v.KeyVaultGrantsBackup = false; }),
                Vm("key-vault-granted", v => v.Encrypted = true),
                Vm("disk-size", v => v.DataDiskSizeGb = 65536),
                Vm("provisioning-failed", v => v.ProvisioningState = "failed"),
                Vm("policy-denied", v => v.FailedJobs.Add(new List<SimJobError> { new SimJobError(400270, PolicyJobMessage) })),
            };
        }

        /// <summary>The current article's message for UserErrorRpCollectionLimitReached.</summary>
        public const string RestorePointLimitJobMessage = "The Restore Point collection max limit has reached.";

        /// <summary>The companion article's message for UserErrorRequestDisallowedByPolicy.</summary>
        public const string PolicyJobMessage = "An invalid policy is configured on the VM which is preventing Snapshot operation.";

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

        /// <summary>Subscription number <paramref name="number"/> (0-based) of a generated tenant: a GUID.</summary>
        public static string TenantSubscription(int number) => $"{number + 1:x8}-0000-4000-8000-00000000a11f";

        /// <summary>
        /// A tenant's fleet: <paramref name="count"/> VMs spread round-robin over <paramref name="subscriptions"/>
        /// subscriptions. Each VM draws a slot from a seeded shuffle of 0..count-1 (so the kinds are spread at random over
        /// the subscriptions, and their shares are exact for a count that is a multiple of 100); by slot modulo 100:
        /// 0-2 failing backups (each with two failed jobs; by slot / 100 modulo 4: a Not Ready agent, a failed
        /// VMSnapshot, a known job error only, failed Linux extensions with an unknown job error), 50 deallocated, 60 not
        /// protected, the rest healthy (Windows and Linux alternating).
        /// </summary>
        public static List<SimVm> TenantFleet(int count, int subscriptions, int seed = 42)
        {
            var slots = new int[count];
            for (var i = 0; i < count; i++)
            {
                slots[i] = i;
            }

            var random = new System.Random(seed);
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (slots[i], slots[j]) = (slots[j], slots[i]);
            }

            var vms = new List<SimVm>(count);
            for (var i = 0; i < count; i++)
            {
                var vm = new SimVm($"vm{i:D5}", "rg-fleet-" + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    SubscriptionId = TenantSubscription(i % subscriptions),
                };
                var slot = slots[i] % 100;
                if (slot < 3)
                {
                    var job = new List<SimJobError> { new SimJobError(400038, KnownJobMessage) };
                    switch ((slots[i] / 100) % 4)
                    {
                        case 0:
                            vm.Agent = SimAgentState.NotReady;
                            vm.AgentVersion = "Unknown";
                            break;
                        case 1:
                            vm.SnapshotExtension = SimExtensionState.Failed;
                            break;
                        case 2:
                            break;
                        default:
                            Linux(vm, "2.9.1.1");
                            vm.SnapshotExtension = SimExtensionState.Failed;
                            vm.OtherExtensionFailed = true;
                            job = new List<SimJobError> { new SimJobError(999999, UnknownJobMessage) };
                            break;
                    }

                    vm.FailedJobs.Add(job);
                    vm.FailedJobs.Add(job);
                }
                else if (slot == 50)
                {
                    Linux(vm, "2.9.1.1");
                    vm.PowerState = "deallocated";
                }
                else if (slot == 60)
                {
                    vm.Protected = false;
                }
                else if (i % 2 == 1)
                {
                    Linux(vm, "2.9.1.1");
                }

                vms.Add(vm);
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
