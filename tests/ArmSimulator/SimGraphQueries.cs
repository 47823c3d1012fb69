using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>
    /// The simulator's Resource Graph "evaluator": it recognises the module's queries (the same .kql files, linked into
    /// this assembly; comment lines and whitespace do not matter, and the 'let lookback = N[dhm];' value is read as a
    /// parameter) and answers each with C# that does what the KQL says over the simulated fleet, with the values the
    /// ARM endpoints serve for the same VMs (ArmDocuments). Any other query text is not evaluated: the caller gets the
    /// service's 400 answer, never an empty result.
    /// </summary>
    internal sealed class SimGraphQueries
    {
        public const string TriageVms = "TriageVms";
        public const string FailedBackupJobs = "FailedBackupJobs";
        public const string Subscriptions = "Subscriptions";
        public const string BackupResourceGroups = "BackupResourceGroups";
        public const string RunningBackupJobs = "RunningBackupJobs";

        private static readonly Regex Lookback = new Regex(@"let lookback = (?<n>[0-9]+)(?<unit>[dhm]);", RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.CultureInvariant);
        private readonly Dictionary<string, string> _known;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<SimVm, (string State, string Json)> _vmRows =
            new System.Collections.Concurrent.ConcurrentDictionary<SimVm, (string, string)>();

        public SimGraphQueries()
        {
            _known = new[] { TriageVms, FailedBackupJobs, Subscriptions, BackupResourceGroups, RunningBackupJobs }.ToDictionary(name => Normalize(Load(name)), name => name, StringComparer.Ordinal);
        }

        /// <summary>Which module query the text is, and its lookback window; null for a query the simulator cannot evaluate.</summary>
        public (string Name, TimeSpan Lookback)? Recognise(string query)
        {
            var normal = Normalize(query);
            var lookback = TimeSpan.Zero;
            var m = Lookback.Match(normal);
            if (m.Success)
            {
                var n = long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                lookback = m.Groups["unit"].Value switch { "d" => TimeSpan.FromDays(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) };
                normal = Lookback.Replace(normal, "let lookback = 7d;");
            }

            return _known.TryGetValue(normal, out var name) ? (name, lookback) : null;
        }

        /// <summary>
        /// TriageVms.kql: one row per VM (ordered by lower-case id), left-outer-joined with its protected item. A VM's row
        /// is built once and kept until a state it shows changes (the fixtures are deep-cloned per row, which is slow for
        /// 10,000 VMs).
        /// </summary>
        public IEnumerable<(string SortKey, Func<string> Row)> VmRows(IEnumerable<SimVm> vms, ArmDocuments documents, bool backupGroups = true) =>
            vms.Select(vm => (documents.VmId(vm).ToLowerInvariant(), (Func<string>)(() => CachedVmRow(vm, documents, backupGroups))))
               .OrderBy(r => r.Item1, StringComparer.Ordinal);

        /// <summary>Builds every VM's row once, at start, as a service that has its index ready would answer.</summary>
        public void Warm(IEnumerable<SimVm> vms, ArmDocuments documents)
        {
            foreach (var vm in vms)
            {
                CachedVmRow(vm, documents, true);
            }
        }

        private string CachedVmRow(SimVm vm, ArmDocuments documents, bool backupGroups)
        {
            var state = string.Join("|", vm.PowerState, vm.ProvisioningState, vm.OsType, vm.Protected, vm.GraphShowsPowerState, vm.FailedJobs.Count, vm.Location,
                vm.Encrypted, vm.DataDiskSizeGb, vm.SubscriptionId, backupGroups);
            if (_vmRows.TryGetValue(vm, out var cached) && cached.State == state)
            {
                return cached.Json;
            }

            var json = VmRow(vm, documents, backupGroups).ToJsonString();
            _vmRows[vm] = (state, json);
            return json;
        }

        /// <summary>FailedBackupJobs.kql: the failed Backup jobs of protected VMs that started after now - lookback, newest first.</summary>
        public static IEnumerable<(string SortKey, Func<string> Row)> JobRows(IEnumerable<(SimVm Vm, int Index)> vms, ArmDocuments documents, DateTimeOffset now, TimeSpan lookback)
        {
            var rows = new List<(DateTimeOffset Start, string Id, Func<string> Row)>();
            foreach (var (vm, index) in vms.Where(v => v.Vm.Protected))
            {
                for (var j = 0; j < vm.FailedJobs.Count; j++)
                {
                    var start = documents.JobStart(j);
                    if (start > now - lookback)
                    {
                        var jobIndex = j;
                        rows.Add((start, documents.JobName(index, j), () => JobRow(documents.JobListItem(vm, index, jobIndex)).ToJsonString()));
                    }
                }
            }

            return rows.OrderByDescending(r => r.Start).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => (r.Start.UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + r.Id, r.Row));
        }

        /// <summary>Subscriptions.kql: one row per subscription of the scope, ordered by id.</summary>
        public static IEnumerable<Func<string>> SubscriptionRows(IEnumerable<string> subscriptions) =>
            subscriptions.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).Select(s => (Func<string>)(() => new JsonObject { ["subscriptionId"] = s }.ToJsonString()));

        /// <summary>BackupResourceGroups.kql: id, name, location, subscriptionId of a Resource Groups - List item.</summary>
        public static JsonObject GroupRow(JsonObject group, string subscription) => new JsonObject
        {
            ["id"] = group["id"]!.GetValue<string>(),
            ["name"] = group["name"]!.GetValue<string>(),
            ["location"] = group["location"]!.GetValue<string>(),
            ["subscriptionId"] = subscription,
        };

        /// <summary>RunningBackupJobs.kql: the projected columns of a Jobs_List item.</summary>
        public static JsonObject RunningJobRow(JsonObject job, string subscription)
        {
            var row = JobRow(job);
            row.Remove("errorDetails");
            row.Remove("dynamicErrorMessage");
            row["subscriptionId"] = subscription;
            return row;
        }

        private static JsonObject VmRow(SimVm vm, ArmDocuments documents, bool backupGroups)
        {
            var resource = documents.Vm(vm);
            var id = resource["id"]!.GetValue<string>();
            var properties = (JsonObject)resource["properties"]!;
            var row = new JsonObject
            {
                ["id"] = id,
                ["name"] = resource["name"]!.GetValue<string>(),
                ["subscriptionId"] = documents.SubOf(vm),
                ["resourceGroup"] = vm.ResourceGroup.ToLowerInvariant(),
                ["location"] = resource["location"]!.GetValue<string>(),
                ["osType"] = properties["storageProfile"]!["osDisk"]!["osType"]!.GetValue<string>(),
                ["powerState"] = vm.GraphShowsPowerState ? "PowerState/" + vm.PowerState : string.Empty,
                ["provisioningState"] = properties["provisioningState"]!.GetValue<string>(),
                ["storageProfile"] = properties["storageProfile"]?.DeepClone(),
            };

            // The Azure Disk Encryption extension join (Resources, microsoft.compute/virtualmachines/extensions): the VM's
            // own extension resources as Virtual Machines - Get lists them; null columns when it has none.
            var ade = (resource["resources"] as JsonArray)?.OfType<JsonObject>()
                .LastOrDefault(r => r["properties"]?["publisher"]?.GetValue<string>() is string p && string.Equals(p, "Microsoft.Azure.Security", StringComparison.OrdinalIgnoreCase)
                    && r["properties"]?["type"]?.GetValue<string>() is string t && t.StartsWith("AzureDiskEncryption", StringComparison.OrdinalIgnoreCase));
            row["encryptionExtension"] = ade?["properties"]?["type"]?.GetValue<string>();
            row["encryptionSettings"] = ade?["properties"]?["settings"]?.DeepClone();

            // The restore point collection join: the collection RestorePointCollections_ListAll serves for the VM.
            var subscription = documents.SubOf(vm);
            row["restorePointCollections"] = backupGroups && vm.Protected ? new JsonArray(ConditionDocuments.CollectionId(subscription, vm)) : null;

            // The leftouter join's right side: empty when no item protects the VM.
            JsonObject? item = vm.Protected ? documents.ProtectedItem(vm) : null;
            var itemProperties = item?["properties"] as JsonObject;
            string Text(string name) => itemProperties?[name]?.GetValue<string>() ?? string.Empty;
            var itemId = item?["id"]?.GetValue<string>() ?? string.Empty;
            var at = itemId.IndexOf("/backupfabrics/", StringComparison.OrdinalIgnoreCase);
            row["itemId"] = itemId;
            row["vaultId"] = at > 0 ? itemId.Substring(0, at).ToLowerInvariant() : string.Empty;
            row["containerName"] = Text("containerName");
            row["friendlyName"] = Text("friendlyName");
            row["protectionState"] = Text("protectionState");
            row["healthStatus"] = Text("healthStatus");
            row["lastBackupStatus"] = Text("lastBackupStatus");
            row["lastBackupTime"] = Text("lastBackupTime");
            row["healthDetails"] = itemProperties?["healthDetails"]?.DeepClone();
            return row;
        }

        private static JsonObject JobRow(JsonObject job)
        {
            var id = job["id"]!.GetValue<string>();
            var properties = (JsonObject)job["properties"]!;
            string Text(string name) => properties[name]?.GetValue<string>() ?? string.Empty;
            var at = id.IndexOf("/backupjobs/", StringComparison.OrdinalIgnoreCase);
            return new JsonObject
            {
                ["id"] = id,
                ["vaultId"] = id.Substring(0, at).ToLowerInvariant(),
                ["containerName"] = Text("containerName"),
                ["entityFriendlyName"] = Text("entityFriendlyName"),
                ["operation"] = Text("operation"),
                ["status"] = Text("status"),
                ["startTime"] = Text("startTime"),
                ["errorDetails"] = properties["errorDetails"]?.DeepClone(),
                ["dynamicErrorMessage"] = properties["extendedInfo"]?["dynamicErrorMessage"]?.GetValue<string>() ?? string.Empty,
            };
        }

        private static string Normalize(string query) =>
            Space.Replace(string.Join("\n", query.Replace("\r\n", "\n").Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))), " ").Trim();

        private static string Load(string name)
        {
            using var stream = typeof(SimGraphQueries).Assembly.GetManifestResourceStream("ArmSimulator.Queries." + name + ".kql")
                ?? throw new InvalidOperationException($"{name}.kql is not embedded in the simulator.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
