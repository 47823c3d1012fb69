using System.Text.Json.Nodes;

namespace AzBackupTroubleshoot.ArmSimulator
{
    /// <summary>Backup Jobs - List (Jobs_List with its $filter) and the same items for Resource Graph's job queries.</summary>
    public sealed partial class ArmSimulatorServer
    {
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
    }
}
