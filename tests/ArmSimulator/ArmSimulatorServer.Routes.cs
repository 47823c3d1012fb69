using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>The URL shapes of the official examples, and what each answers.</summary>
    public sealed partial class ArmSimulatorServer
    {
        private const string Sub = "^/subscriptions/(?<sub>[^/]+)";
        private const string Vm = Sub + "/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.Compute/virtualMachines/(?<vm>[^/]+)";
        private const string Vault = "/resourceGroups/(?<vrg>[^/]+)/providers/Microsoft\\.RecoveryServices/vaults/(?<vault>[^/]+)";

        private static readonly Regex ListVms = new Regex(Sub + "/providers/Microsoft\\.Compute/virtualMachines$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex GetVm = new Regex(Vm + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex InstanceViewPath = new Regex(Vm + "/instanceView$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Extensions = new Regex(Vm + "/extensions$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ExtensionPath = new Regex(Vm + "/extensions/(?<ext>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Operation = new Regex(Sub + "/providers/Microsoft\\.Compute/locations/(?<loc>[^/]+)/operations/(?<op>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ListVaults = new Regex(Sub + "/providers/Microsoft\\.RecoveryServices/vaults$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ProtectedItems = new Regex(Sub + Vault + "/backupProtectedItems$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Jobs = new Regex(Sub + Vault + "/backupJobs$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Job = new Regex(Sub + Vault + "/backupJobs/(?<job>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ItemBackup = new Regex(Sub + Vault + "/backupFabrics/Azure/protectionContainers/(?<container>[^/]+)/protectedItems/(?<item>[^/]+)/backup$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex FilterTerm = new Regex("(?<key>\\w+) eq '(?<value>[^']*)'", RegexOptions.CultureInvariant);

        private async Task RouteAsync(HttpContext context, RequestLogEntry entry)
        {
            var path = entry.Path;
            var method = entry.Method;
            var request = context.Request;
            var apiVersion = request.Query["api-version"].ToString();
            Match m;

            if ((m = Operation.Match(path)).Success && method == "GET")
            {
                await PollAsync(context, entry, m.Groups["op"].Value, request.Query["monitor"] == "true").ConfigureAwait(false);
                return;
            }

            var expected = ExpectedApiVersion(path);
            if (expected != null && apiVersion != expected)
            {
                await ErrorAsync(context, entry, 400, "InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid for this resource; the simulator serves '{expected}'.").ConfigureAwait(false);
                return;
            }

            if (await TryRouteSubscriptionAsync(context, entry).ConfigureAwait(false))
            {
                return;
            }

            if (!(m = Regex.Match(path, Sub, RegexOptions.IgnoreCase)).Success || !_bySubscription.ContainsKey(m.Groups["sub"].Value))
            {
                await ErrorAsync(context, entry, 404, "SubscriptionNotFound", "The subscription could not be found.").ConfigureAwait(false);
                return;
            }

            var subscription = m.Groups["sub"].Value;
            if (await TryRouteLocksAsync(context, entry, subscription).ConfigureAwait(false) || await TryRouteConditionsAsync(context, entry).ConfigureAwait(false))
            {
                return;
            }

            if ((m = ListVms.Match(path)).Success && method == "GET")
            {
                var skip = int.TryParse(request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var vms = VmsIn(subscription);
                var page = vms.Skip(skip).Take(Options.PageSize).Select(v => (JsonNode)_documents.Vm(v.Vm)).ToList();
                var next = skip + Options.PageSize < vms.Count
                    ? new Uri(BaseUri, $"{path.TrimStart('/')}?api-version={apiVersion}&$skiptoken={skip + Options.PageSize}").AbsoluteUri
                    : null;
                await JsonAsync(context, entry, 200, ArmDocuments.Page(page, next)).ConfigureAwait(false);
                return;
            }

            if ((m = GetVm.Match(path)).Success && method == "GET")
            {
                await WithVmAsync(context, entry, m, vm => JsonAsync(context, entry, 200, _documents.Vm(vm.Vm))).ConfigureAwait(false);
                return;
            }

            if ((m = InstanceViewPath.Match(path)).Success && method == "GET")
            {
                await WithVmAsync(context, entry, m, vm => JsonAsync(context, entry, 200, _documents.InstanceView(vm.Vm))).ConfigureAwait(false);
                return;
            }

            if ((m = Extensions.Match(path)).Success && method == "GET")
            {
                await WithVmAsync(context, entry, m, vm => JsonAsync(context, entry, 200, _documents.ExtensionList(vm.Vm))).ConfigureAwait(false);
                return;
            }

            if ((m = ExtensionPath.Match(path)).Success && (method == "GET" || method == "DELETE"))
            {
                var name = m.Groups["ext"].Value;
                await WithVmAsync(context, entry, m, vm => method == "GET" ? GetExtensionAsync(context, entry, vm.Vm, name) : DeleteExtensionAsync(context, entry, vm.Vm, name)).ConfigureAwait(false);
                return;
            }

            if (ListVaults.Match(path).Success && method == "GET")
            {
                await JsonAsync(context, entry, 200, _documents.VaultList(subscription)).ConfigureAwait(false);
                return;
            }

            if ((m = ProtectedItems.Match(path)).Success && method == "GET" && IsOurVault(m))
            {
                var items = VmsIn(subscription).Where(v => v.Vm.Protected).Select(v => (JsonNode)_documents.ProtectedItem(v.Vm)).ToList();
                await JsonAsync(context, entry, 200, ArmDocuments.Page(items, null)).ConfigureAwait(false);
                return;
            }

            if ((m = Jobs.Match(path)).Success && method == "GET" && IsOurVault(m))
            {
                await JsonAsync(context, entry, 200, ArmDocuments.Page(JobList(request.Query["$filter"].ToString(), subscription), null)).ConfigureAwait(false);
                return;
            }

            if ((m = ItemBackup.Match(path)).Success && method == "POST" && IsOurVault(m))
            {
                await TriggerBackupAsync(context, entry, m, subscription).ConfigureAwait(false);
                return;
            }

            if ((m = Job.Match(path)).Success && method == "GET" && IsOurVault(m))
            {
                var found = FindJob(m.Groups["job"].Value, subscription);
                if (found is null)
                {
                    await ErrorAsync(context, entry, 404, "ResourceNotFound", "The job was not found.").ConfigureAwait(false);
                    return;
                }

                await JsonAsync(context, entry, 200, _documents.JobDetail(found.Value.Vm, found.Value.VmIndex, found.Value.JobIndex)).ConfigureAwait(false);
                return;
            }

            await ErrorAsync(context, entry, 404, "NoRegisteredProviderFound", $"The simulator does not serve {method} {path}.").ConfigureAwait(false);
        }

        private string? ExpectedApiVersion(string path)
        {
            if ((LockApiVersion(path, Fixtures) ?? ConditionApiVersion(path)) is { } pinned)
            {
                return pinned;
            }

            if (SubscriptionPath.IsMatch(path))
            {
                return SubscriptionsApiVersion;
            }

            if (ListVaults.IsMatch(path))
            {
                return Fixtures.ApiVersion("ListBySubscriptionIds.json");
            }

            if (ProtectedItems.IsMatch(path) || Jobs.IsMatch(path) || Job.IsMatch(path) || ItemBackup.IsMatch(path))
            {
                return Fixtures.ApiVersion("ListJobs.json");
            }

            return ListVms.IsMatch(path) || GetVm.IsMatch(path) || InstanceViewPath.IsMatch(path) || Extensions.IsMatch(path) || ExtensionPath.IsMatch(path)
                ? Fixtures.ApiVersion("VirtualMachine_Get_InstanceView.json")
                : null;
        }

        private bool IsOurVault(Match m) =>
            string.Equals(m.Groups["vrg"].Value, Options.VaultResourceGroup, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(m.Groups["vault"].Value, Options.VaultName, StringComparison.OrdinalIgnoreCase);

        private async Task WithVmAsync(HttpContext context, RequestLogEntry entry, Match m, Func<(SimVm Vm, int Index), Task> found)
        {
            (SimVm, int) vm;
            lock (_stateGate)
            {
                if (!_vms.TryGetValue(Key(m.Groups["sub"].Value, m.Groups["rg"].Value, m.Groups["vm"].Value), out vm))
                {
                    vm = default;
                }
            }

            if (vm.Item1 is null)
            {
                await ErrorAsync(context, entry, 404, "ResourceNotFound", $"The Resource 'Microsoft.Compute/virtualMachines/{m.Groups["vm"].Value}' under resource group '{m.Groups["rg"].Value}' was not found.").ConfigureAwait(false);
                return;
            }

            await found(vm).ConfigureAwait(false);
        }

        private Task GetExtensionAsync(HttpContext context, RequestLogEntry entry, SimVm vm, string name)
        {
            bool installed;
            lock (_stateGate)
            {
                installed = vm.SnapshotExtension != SimExtensionState.None && string.Equals(name, vm.SnapshotExtensionName, StringComparison.OrdinalIgnoreCase);
            }

            return installed
                ? JsonAsync(context, entry, 200, _documents.Extension(vm, vm.SnapshotExtensionName))
                : ErrorAsync(context, entry, 404, "NotFound", $"The entity was not found: extension '{name}'.");
        }

        private async Task DeleteExtensionAsync(HttpContext context, RequestLogEntry entry, SimVm vm, string name)
        {
            bool installed;
            lock (_stateGate)
            {
                installed = vm.SnapshotExtension != SimExtensionState.None && string.Equals(name, vm.SnapshotExtensionName, StringComparison.OrdinalIgnoreCase);
            }

            if (!installed)
            {
                entry.Status = 204;
                context.Response.StatusCode = 204;
                return;
            }

            var id = "op" + Interlocked.Increment(ref _operationSequence).ToString(CultureInfo.InvariantCulture);
            _operations[id] = new SimOperation
            {
                PollsLeft = Options.OperationPolls,
                OnComplete = () =>
                {
                    lock (_stateGate)
                    {
                        vm.SnapshotExtension = SimExtensionState.None;
                    }
                },
            };

            var operationPath = $"/subscriptions/{_documents.SubOf(vm)}/providers/Microsoft.Compute/locations/{vm.Location}/operations/{id}";
            var apiVersion = Fixtures.ApiVersion("VirtualMachine_Get_InstanceView.json");
            var location = new Uri(BaseUri, operationPath.TrimStart('/') + $"?monitor=true&api-version={apiVersion}");
            var asyncOperation = new Uri(BaseUri, operationPath.TrimStart('/') + $"?api-version={apiVersion}");
            context.Response.Headers.Location = location.AbsoluteUri;
            if (Options.UseAsyncOperationHeader)
            {
                context.Response.Headers["Azure-AsyncOperation"] = asyncOperation.AbsoluteUri;
            }

            Retry(context, entry, Options.UseAsyncOperationHeader ? asyncOperation : location);
            entry.Status = 202;
            context.Response.StatusCode = 202;
            await Task.CompletedTask.ConfigureAwait(false);
        }

        private async Task PollAsync(HttpContext context, RequestLogEntry entry, string id, bool monitor)
        {
            if (!_operations.TryGetValue(id, out var operation))
            {
                await ErrorAsync(context, entry, 404, "NotFound", "The operation was not found.").ConfigureAwait(false);
                return;
            }

            bool done;
            lock (_stateGate)
            {
                if (!operation.Completed && operation.PollsLeft-- <= 0)
                {
                    operation.Completed = true;
                    operation.OnComplete?.Invoke();
                }

                done = operation.Completed;
            }

            if (monitor)
            {
                if (done)
                {
                    entry.Status = 200;
                    context.Response.StatusCode = 200;
                    return;
                }

                Retry(context, entry, new Uri(BaseUri, entry.Path.TrimStart('/') + entry.Query));
                entry.Status = 202;
                context.Response.StatusCode = 202;
                return;
            }

            // Azure-AsyncOperation status body: {name, status, startTime, endTime}.
            var body = new JsonObject { ["name"] = id, ["status"] = done ? "Succeeded" : "InProgress", ["startTime"] = Options.Now.ToString("o", CultureInfo.InvariantCulture) };
            if (!done)
            {
                Retry(context, entry, new Uri(BaseUri, entry.Path.TrimStart('/') + entry.Query));
            }

            await JsonAsync(context, entry, 200, body).ConfigureAwait(false);
        }

        private void Retry(HttpContext context, RequestLogEntry entry, Uri next)
        {
            context.Response.Headers.RetryAfter = Options.OperationRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            entry.RetryNotBefore = DateTimeOffset.UtcNow.AddSeconds(Options.OperationRetryAfterSeconds);
            entry.RetryKey = "GET " + next.AbsolutePath + next.Query;
        }

        private JsonNode[] JobList(string filter, string subscription)
        {
            var terms = FilterTerm.Matches(filter).ToDictionary(t => t.Groups["key"].Value, t => t.Groups["value"].Value, StringComparer.OrdinalIgnoreCase);
            terms.TryGetValue("status", out var status);
            var from = terms.TryGetValue("startTime", out var start) ? FilterTime(start) : DateTimeOffset.MinValue;
            var to = terms.TryGetValue("endTime", out var end) ? FilterTime(end) : DateTimeOffset.MaxValue;
            return JobItems(status, from, to, subscription);
        }

        /// <summary>The jobs of a subscription's VMs, as Jobs_List answers them: by status (null: any) and start time.</summary>
        private JsonNode[] JobItems(string? status, DateTimeOffset from, DateTimeOffset to, string subscription)
        {
            var jobs = new System.Collections.Generic.List<JsonNode>();
            lock (_stateGate)
            {
                foreach (var (vm, i) in VmsIn(subscription))
                {
                    if (!vm.Protected)
                    {
                        continue;
                    }

                    if (status is null || string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase))
                    {
                        for (var j = 0; j < vm.FailedJobs.Count; j++)
                        {
                            var at = _documents.JobStart(j);
                            if (at >= from && at <= to)
                            {
                                jobs.Add(_documents.JobListItem(vm, i, j));
                            }
                        }
                    }

                    if ((status is null || string.Equals(status, "InProgress", StringComparison.OrdinalIgnoreCase)) && vm.RunningJobOperation != null)
                    {
                        var running = _documents.OnDemandJobListItem(vm, i, 900);
                        ConditionDocuments.RunningJob(running, vm);
                        jobs.Add(running);
                    }

                    if (status is null || string.Equals(status, "InProgress", StringComparison.OrdinalIgnoreCase))
                    {
                        for (var k = 0; k < vm.OnDemandBackupsToday; k++)
                        {
                            var at = _documents.OnDemandStart(k);
                            if (at >= from && at <= to)
                            {
                                jobs.Add(_documents.OnDemandJobListItem(vm, i, k));
                            }
                        }
                    }
                }
            }

            return jobs.ToArray();
        }

        private async Task TriggerBackupAsync(HttpContext context, RequestLogEntry entry, Match m, string subscription)
        {
            var container = m.Groups["container"].Value;
            SimVm? vm;
            lock (_stateGate)
            {
                vm = VmsIn(subscription).Select(p => p.Vm).FirstOrDefault(v => v.Protected && string.Equals("IaasVMContainer;" + ArmDocuments.ContainerName(v), container, StringComparison.OrdinalIgnoreCase));
                if (vm != null)
                {
                    vm.OnDemandBackupsToday++;
                }
            }

            if (vm is null)
            {
                await ErrorAsync(context, entry, 404, "BMSUserErrorObjectNotFound", "The protected item was not found.").ConfigureAwait(false);
                return;
            }

            // As TriggerBackup_Post.json: 202 with Location, Azure-AsyncOperation and Retry-After.
            var id = "op" + Interlocked.Increment(ref _operationSequence).ToString(CultureInfo.InvariantCulture);
            var item = entry.Path.Substring(0, entry.Path.Length - "/backup".Length);
            var api = Fixtures.ApiVersion("ListJobs.json");
            context.Response.Headers.Location = new Uri(BaseUri, $"{item.TrimStart('/')}/operationResults/{id}?api-version={api}").AbsoluteUri;
            context.Response.Headers["Azure-AsyncOperation"] = new Uri(BaseUri, $"{item.TrimStart('/')}/operationsStatus/{id}?api-version={api}").AbsoluteUri;
            context.Response.Headers.RetryAfter = "60";
            entry.Status = 202;
            context.Response.StatusCode = 202;
        }

        private (SimVm Vm, int VmIndex, int JobIndex)? FindJob(string name, string subscription)
        {
            foreach (var (vm, i) in VmsIn(subscription))
            {
                for (var j = 0; j < vm.FailedJobs.Count; j++)
                {
                    if (string.Equals(_documents.JobName(i, j), name, StringComparison.OrdinalIgnoreCase))
                    {
                        return (vm, i, j);
                    }
                }
            }

            return null;
        }

        private static DateTimeOffset FilterTime(string text) =>
            DateTimeOffset.ParseExact(text, "yyyy-MM-dd hh:mm:ss tt", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
