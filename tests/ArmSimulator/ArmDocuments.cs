using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// Builds response bodies by copying an official example and changing only the values that identify a VM or carry
    /// its state. Shapes not in the examples (job errorDetails, a job's containerName) follow the REST schema
    /// (bms.json AzureIaaSVMJob / AzureIaaSVMErrorInfo) and are listed in README.md.
    /// </summary>
    internal sealed class ArmDocuments
    {
        private readonly FixtureSet _fixtures;
        private readonly SimulatorOptions _options;

        public ArmDocuments(FixtureSet fixtures, SimulatorOptions options)
        {
            _fixtures = fixtures;
            _options = options;
        }

        public string VmId(SimVm vm) => $"/subscriptions/{SubOf(vm)}/resourceGroups/{vm.ResourceGroup}/providers/Microsoft.Compute/virtualMachines/{vm.Name}";

        public string VaultId => VaultIdIn(_options.SubscriptionId);

        /// <summary>Every subscription of the fleet has the same vault (resource group and name), in that subscription.</summary>
        public string VaultIdIn(string subscription) => $"/subscriptions/{subscription}/resourceGroups/{_options.VaultResourceGroup}/providers/Microsoft.RecoveryServices/vaults/{_options.VaultName}";

        public string SubOf(SimVm vm) => vm.SubscriptionId ?? _options.SubscriptionId;

        public static string ContainerName(SimVm vm) => $"iaasvmcontainerv2;{vm.ResourceGroup};{vm.Name}";

        /// <summary>VirtualMachines_Get / an item of VirtualMachines_ListAll (VirtualMachine_Get.json).</summary>
        public JsonObject Vm(SimVm vm)
        {
            var body = _fixtures.Body("VirtualMachine_Get.json");
            body["name"] = vm.Name;
            body["id"] = VmId(vm);
            body["location"] = vm.Location;
            body.Remove("resources");
            var properties = (JsonObject)body["properties"]!;
            properties["vmId"] = Guid(vm.Name).ToString();
            properties["storageProfile"]!["osDisk"]!["osType"] = vm.OsType;
            ConditionDocuments.Disks((JsonObject)properties["storageProfile"]!, vm, SubOf(vm));
            properties["provisioningState"] = char.ToUpperInvariant(vm.ProvisioningState[0]) + vm.ProvisioningState.Substring(1);
            return body;
        }

        public static JsonObject Page(IEnumerable<JsonNode> items, string? nextLink)
        {
            var page = new JsonObject { ["value"] = new JsonArray(items.ToArray()) };
            if (nextLink != null)
            {
                page["nextLink"] = nextLink;
            }

            return page;
        }

        /// <summary>VirtualMachines_InstanceView (VirtualMachine_Get_InstanceView.json).</summary>
        public JsonObject InstanceView(SimVm vm)
        {
            var body = _fixtures.Body("VirtualMachine_Get_InstanceView.json");
            body["computerName"] = vm.Name;
            if (vm.OsType == "Linux")
            {
                body["osName"] = "ubuntu";
                body["osVersion"] = "22.04";
            }

            var template = (JsonObject)body["extensions"]![0]!;
            var handlerTemplate = (JsonObject)body["vmAgent"]!["extensionHandlers"]![0]!;
            var extensions = new JsonArray();
            var handlers = new JsonArray();

            var other = (JsonObject)template.DeepClone();
            if (vm.OtherExtensionName != null)
            {
                other["name"] = vm.OtherExtensionName;
                other["type"] = "Microsoft.Azure.Monitor." + vm.OtherExtensionName;
            }

            if (vm.OtherExtensionFailed)
            {
                other["statuses"] = new JsonArray(Status("ProvisioningState/failed/1", "Error", "Provisioning failed", "Enable failed: the extension's handler exited with code 1."));
            }

            extensions.Add(other);
            handlers.Add(handlerTemplate.DeepClone());

            if (vm.SnapshotExtension != SimExtensionState.None)
            {
                var failed = vm.SnapshotExtension == SimExtensionState.Failed;
                var type = "Microsoft.Azure.RecoveryServices." + vm.SnapshotExtensionName;
                var version = vm.OsType == "Linux" ? "1.0.9225.0" : "1.0.90.0";
                var handler = (JsonObject)handlerTemplate.DeepClone();
                handler["type"] = type;
                handler["typeHandlerVersion"] = version;
                handler["status"] = failed ? Status("ProvisioningState/failed/-40", "Error", "Not Ready", vm.SnapshotExtensionError) : Status("ProvisioningState/succeeded", "Info", "Ready", null);
                handlers.Add(handler);

                var extension = (JsonObject)template.DeepClone();
                extension["name"] = vm.SnapshotExtensionName;
                extension["type"] = type;
                extension["typeHandlerVersion"] = version;
                extension["statuses"] = new JsonArray(failed
                    ? Status("ProvisioningState/failed/-40", "Error", "Provisioning failed", vm.SnapshotExtensionError)
                    : Status("ProvisioningState/succeeded", "Info", "Provisioning succeeded", "Snapshot completed successfully."));
                extension["substatuses"] = failed
                    ? new JsonArray(Status("ComponentStatus/snapshot/failed", "Error", "Provisioning failed", vm.SnapshotExtensionError))
                    : new JsonArray();
                extensions.Add(extension);
            }

            var agent = (JsonObject)body["vmAgent"]!;
            agent["vmAgentVersion"] = vm.AgentVersion;
            agent["extensionHandlers"] = handlers;
            if (vm.Agent == SimAgentState.NotReady)
            {
                // The shape and text Azure reports for an unresponsive agent.
                agent["statuses"] = new JsonArray(Status("ProvisioningState/Unavailable", "Warning", "Not Ready", "VM Agent is unresponsive."));
            }

            body["extensions"] = extensions;
            var statuses = (JsonArray)body["statuses"]!;
            statuses[0]!["code"] = "ProvisioningState/" + vm.ProvisioningState;
            statuses[1]!["code"] = "PowerState/" + vm.PowerState;
            statuses[1]!["displayStatus"] = "VM " + vm.PowerState;

            var notRunning = vm.PowerState is "deallocated" or "stopped";
            if (vm.Agent == SimAgentState.Missing || notRunning)
            {
                body.Remove("vmAgent");
            }

            if (notRunning)
            {
                body.Remove("extensions");
            }

            return body;
        }

        /// <summary>VirtualMachineExtensions_Get (VirtualMachineExtension_Get_MaximumSet_Gen.json).</summary>
        public JsonObject Extension(SimVm vm, string name)
        {
            var body = _fixtures.Body("VirtualMachineExtension_Get_MaximumSet_Gen.json");
            body["name"] = name;
            body["id"] = VmId(vm) + "/extensions/" + name;
            body["location"] = vm.Location;
            var properties = (JsonObject)body["properties"]!;
            properties["publisher"] = "Microsoft.Azure.RecoveryServices";
            properties["type"] = vm.SnapshotExtensionName;
            properties["provisioningState"] = vm.SnapshotExtension == SimExtensionState.Failed ? "Failed" : "Succeeded";
            properties.Remove("instanceView");
            return body;
        }

        /// <summary>VirtualMachineExtensions_List (VirtualMachineExtension_List_MaximumSet_Gen.json).</summary>
        public JsonObject ExtensionList(SimVm vm)
        {
            var body = _fixtures.Body("VirtualMachineExtension_List_MaximumSet_Gen.json");
            var items = new List<JsonNode>();
            var other = (JsonObject)body["value"]![0]!.DeepClone();
            other["id"] = VmId(vm) + "/extensions/" + other["name"]!.GetValue<string>();
            items.Add(other);
            if (vm.SnapshotExtension != SimExtensionState.None)
            {
                items.Add(Extension(vm, vm.SnapshotExtensionName));
            }

            return Page(items, null);
        }

        /// <summary>Vaults_ListBySubscriptionId (Fixtures/ListBySubscriptionIds.json).</summary>
        public JsonObject VaultList(string subscription)
        {
            var body = _fixtures.Body("ListBySubscriptionIds.json");
            var vault = (JsonObject)body["value"]![0]!.DeepClone();
            vault["id"] = VaultIdIn(subscription);
            vault["name"] = _options.VaultName;
            return Page(new[] { vault }, null);
        }

        /// <summary>
        /// An item of ResourceGroups_List. resources.json 2024-11-01 has no list example; its items are the ResourceGroup
        /// schema, whose example is the 200 body of Fixtures/CreateResourceGroup.json (same api-version).
        /// </summary>
        public JsonObject ResourceGroup(string name, string location, string subscription)
        {
            var body = _fixtures.Body("CreateResourceGroup.json");
            body["id"] = $"/subscriptions/{subscription}/resourceGroups/{name}";
            body["name"] = name;
            body["location"] = location;
            return body;
        }

        /// <summary>
        /// An item of ManagementLocks_ListAtSubscriptionLevel / ListAtResourceGroupLevel (Fixtures/ManagementLocks_ListAtResourceGroupLevel.json).
        /// properties.notes is not in the examples: it follows the ManagementLockProperties schema (locks.json 2020-05-01).
        /// </summary>
        public JsonObject Lock(SimLock simLock)
        {
            var body = (JsonObject)_fixtures.Body("ManagementLocks_ListAtResourceGroupLevel.json")["value"]![0]!.DeepClone();
            var scope = simLock.ResourceGroup is null
                ? $"/subscriptions/{_options.SubscriptionId}"
                : $"/subscriptions/{_options.SubscriptionId}/resourceGroups/{simLock.ResourceGroup}";
            body["id"] = scope + "/providers/Microsoft.Authorization/locks/" + simLock.Name;
            body["name"] = simLock.Name;
            var properties = (JsonObject)body["properties"]!;
            properties["level"] = simLock.Level;
            if (simLock.Notes != null)
            {
                properties["notes"] = simLock.Notes;
            }

            return body;
        }

        /// <summary>An item of BackupProtectedItems_List (Compute_ProtectedItem_Get.json).</summary>
        public JsonObject ProtectedItem(SimVm vm)
        {
            var body = _fixtures.Body("Compute_ProtectedItem_Get.json");
            var container = ContainerName(vm);
            var vaultId = VaultIdIn(SubOf(vm));
            body["id"] = $"{vaultId}/backupFabrics/Azure/protectionContainers/IaasVMContainer;{container}/protectedItems/VM;{container}";
            body["name"] = "VM;" + container;
            var properties = (JsonObject)body["properties"]!;
            properties["friendlyName"] = vm.Name;
            properties["virtualMachineId"] = VmId(vm);
            properties["sourceResourceId"] = VmId(vm);
            properties["containerName"] = container;
            properties["policyId"] = vaultId + "/backupPolicies/DefaultPolicy";
            properties["protectionState"] = vm.ProtectionState;
            var failing = vm.FailedJobs.Count > 0;
            properties["lastBackupStatus"] = failing ? "Failed" : "Completed";
            properties["healthStatus"] = failing ? "ActionRequired" : "Passed";
            properties["lastBackupTime"] = Time(failing ? JobStart(0) : _options.Now.AddHours(-2));
            return body;
        }

        public string JobName(int vmIndex, int jobIndex) => $"{vmIndex:x8}-0000-4000-8000-{jobIndex:x12}";

        public DateTimeOffset JobStart(int jobIndex) => _options.Now.AddHours(-(1 + (6 * jobIndex)));

        /// <summary>An item of Jobs_List (ListJobs.json) for a failed job; no errorDetails, as in the example.</summary>
        public JsonObject JobListItem(SimVm vm, int vmIndex, int jobIndex)
        {
            var body = (JsonObject)_fixtures.Body("ListJobs.json")["value"]![0]!.DeepClone();
            FillJob(body, vm, vmIndex, jobIndex);
            return body;
        }

        /// <summary>An item of Jobs_List (ListJobs.json's in-progress Backup job) for an on-demand backup started today.</summary>
        public JsonObject OnDemandJobListItem(SimVm vm, int vmIndex, int number)
        {
            var body = (JsonObject)_fixtures.Body("ListJobs.json")["value"]![0]!.DeepClone();
            var name = JobName(vmIndex, 1000 + number);
            body["id"] = $"/Subscriptions/{SubOf(vm)}/resourceGroups/{_options.VaultResourceGroup}/providers/Microsoft.RecoveryServices/vaults/{_options.VaultName}/backupJobs/{name}";
            body["name"] = name;
            var properties = (JsonObject)body["properties"]!;
            properties["entityFriendlyName"] = vm.Name;
            properties["containerName"] = ContainerName(vm);
            properties["startTime"] = Time(OnDemandStart(number));
            properties["isUserTriggered"] = true;
            return body;
        }

        public DateTimeOffset OnDemandStart(int number) => _options.Now.AddMinutes(-5 * (number + 1));

        /// <summary>Jobs_Get (GetJobDetails.json) with errorDetails from the AzureIaaSVMErrorInfo schema.</summary>
        public JsonObject JobDetail(SimVm vm, int vmIndex, int jobIndex)
        {
            var body = _fixtures.Body("GetJobDetails.json");
            FillJob(body, vm, vmIndex, jobIndex);
            var properties = (JsonObject)body["properties"]!;
            foreach (var task in properties["extendedInfo"]!["tasksList"]!.AsArray())
            {
                task!["status"] = task["taskId"]!.GetValue<string>() == "Take Snapshot" ? "Failed" : "NotStarted";
            }

            properties["extendedInfo"]!["propertyBag"]!["VM Name"] = vm.Name;
            properties["errorDetails"] = new JsonArray(vm.FailedJobs[jobIndex].Select(e => (JsonNode)new JsonObject
            {
                ["errorCode"] = e.Code,
                ["errorTitle"] = e.Title ?? string.Empty,
                ["errorString"] = e.Message,
                ["recommendations"] = new JsonArray(),
            }).ToArray());
            return body;
        }

        private void FillJob(JsonObject body, SimVm vm, int vmIndex, int jobIndex)
        {
            var name = JobName(vmIndex, jobIndex);
            body["id"] = $"/Subscriptions/{SubOf(vm)}/resourceGroups/{_options.VaultResourceGroup}/providers/Microsoft.RecoveryServices/vaults/{_options.VaultName}/backupJobs/{name}";
            body["name"] = name;
            var properties = (JsonObject)body["properties"]!;
            properties["entityFriendlyName"] = vm.Name;
            properties["containerName"] = ContainerName(vm);
            properties["operation"] = "Backup";
            properties["status"] = "Failed";
            properties["startTime"] = Time(JobStart(jobIndex));
            properties["endTime"] = Time(JobStart(jobIndex).AddMinutes(20));
            properties["duration"] = "PT20M";
            properties["activityId"] = Guid(name).ToString();
        }

        private static JsonObject Status(string code, string level, string display, string? message)
        {
            var status = new JsonObject { ["code"] = code, ["level"] = level, ["displayStatus"] = display };
            if (message != null)
            {
                status["message"] = message;
            }

            return status;
        }

        private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static Guid Guid(string seed)
        {
            var bytes = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
            return new Guid(bytes);
        }
    }
}
