using System.Text.Json;
using AzBackupTroubleshoot.Core.Arm;
using AzBackupTroubleshoot.Core.Targets;

namespace AzBackupTroubleshoot.Core.Facts.Azure
{
    /// <summary>
    /// Turns Resource Manager JSON into facts: a VirtualMachines_InstanceView body into <see cref="AzureVmFacts"/>, a
    /// VirtualMachines_List/Get item into an <see cref="AzureVm"/>.
    /// </summary>
    public static class InstanceViewParser
    {
        /// <summary>Reads an instance view body (GET …/virtualMachines/{vm}/instanceView).</summary>
        /// <exception cref="FormatException">The body is not an object.</exception>
        public static AzureVmFacts Parse(AzureVm vm, JsonElement instanceView)
        {
            if (vm is null)
            {
                throw new ArgumentNullException(nameof(vm));
            }

            if (instanceView.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The instance view of {vm.Id} is not a JSON object.");
            }

            var statuses = Statuses(JsonText.Property(instanceView, "statuses"));
            var power = statuses.Select(s => s.ValueOf("PowerState")).FirstOrDefault(v => v != null);
            var provisioning = statuses.Select(s => s.ValueOf("ProvisioningState")).FirstOrDefault(v => v != null);

            AzureAgentView? agent = null;
            var vmAgent = JsonText.Property(instanceView, "vmAgent");
            if (vmAgent.HasValue && vmAgent.Value.ValueKind == JsonValueKind.Object)
            {
                var handlers = new List<AzureExtensionHandlerView>();
                foreach (var handler in Items(JsonText.Property(vmAgent.Value, "extensionHandlers")))
                {
                    var status = JsonText.Property(handler, "status");
                    handlers.Add(new AzureExtensionHandlerView(
                        JsonText.String(handler, "type") ?? string.Empty,
                        JsonText.String(handler, "typeHandlerVersion"),
                        status.HasValue ? Status(status.Value) : null));
                }

                agent = new AzureAgentView(JsonText.String(vmAgent.Value, "vmAgentVersion"), Statuses(JsonText.Property(vmAgent.Value, "statuses")), handlers);
            }

            var extensions = new List<AzureExtensionView>();
            foreach (var extension in Items(JsonText.Property(instanceView, "extensions")))
            {
                extensions.Add(new AzureExtensionView(
                    JsonText.String(extension, "name") ?? string.Empty,
                    JsonText.String(extension, "type"),
                    JsonText.String(extension, "typeHandlerVersion"),
                    Statuses(JsonText.Property(extension, "statuses")),
                    Statuses(JsonText.Property(extension, "substatuses"))));
            }

            return new AzureVmFacts(vm, power, provisioning, JsonText.String(instanceView, "osName"), agent, extensions);
        }

        /// <summary>Reads a VM from a list or GET item: id, location and storageProfile.osDisk.osType.</summary>
        /// <exception cref="FormatException">The item has no usable virtual machine id.</exception>
        public static AzureVm ParseVm(JsonElement item)
        {
            var id = JsonText.String(item, "id");
            if (string.IsNullOrEmpty(id))
            {
                throw new FormatException("A virtual machine item has no id.");
            }

            var osType = JsonText.PathString(item, "properties", "storageProfile", "osDisk", "osType");
            try
            {
                return new AzureVm(id!, ParseOsType(osType), JsonText.String(item, "location"), AzureVmStorage.Parse(item));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException(ex.Message, ex);
            }
        }

        /// <summary>Maps "Windows"/"Linux" (any case) to <see cref="AzureOsType"/>.</summary>
        public static AzureOsType ParseOsType(string? value) =>
            string.Equals(value, "Windows", StringComparison.OrdinalIgnoreCase) ? AzureOsType.Windows
            : string.Equals(value, "Linux", StringComparison.OrdinalIgnoreCase) ? AzureOsType.Linux
            : AzureOsType.Unknown;

        private static IReadOnlyList<InstanceViewStatus> Statuses(JsonElement? array) =>
            Items(array).Select(Status).ToList();

        private static InstanceViewStatus Status(JsonElement status) => new InstanceViewStatus(
            JsonText.String(status, "code"),
            JsonText.String(status, "level"),
            JsonText.String(status, "displayStatus"),
            JsonText.String(status, "message"),
            JsonText.String(status, "time"));

        private static IEnumerable<JsonElement> Items(JsonElement? array)
        {
            if (array.HasValue && array.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        yield return item;
                    }
                }
            }
        }
    }
}
