using AzBackupTroubleshoot.Core.Facts.Linux;

namespace AzBackupTroubleshoot.Core.Checks.Linux
{
    /// <summary>Checks of waagent.conf, the extension policy and the proxy settings.</summary>
    internal static class ConfigurationChecks
    {
        private static readonly string[] ProvisioningAgents = { "auto", "waagent", "cloud-init", "disabled" };

        /// <summary>
        /// The result to give when waagent.conf cannot be used: Error when it is malformed; when it is missing, Failed (once, from
        /// Linux.ExtensionsEnabled, when <paramref name="reportMissing"/>) or NotApplicable. Null when it is fine.
        /// </summary>
        public static HealthCheckResult? ConfProblem(LinuxFacts facts, ResultBuilder verdict, bool reportMissing)
        {
            var conf = facts.WaagentConf;
            if (conf.Status == FactStatus.Malformed)
            {
                return verdict.Error(conf.Path, conf.Problem!, $"Fix {conf.Path} (the agent reads 'key=value' lines; the distribution's package ships a default) and restart the agent.");
            }

            if (conf.Status == FactStatus.Absent)
            {
                if (!facts.AgentInstalled)
                {
                    return verdict.NotApplicable("The agent is not installed (see Linux.AgentService).", new[] { conf.Describe() });
                }

                return reportMissing
                    ? verdict.Failed($"{conf.Path} is missing: the agent refuses to start without it ('Missing configuration').", new[] { conf.Describe() },
                        "Restore /etc/waagent.conf from the distribution's package (for example sudo apt-get install --reinstall walinuxagent, or sudo yum reinstall WALinuxAgent), then restart the agent.")
                    : verdict.NotApplicable($"{conf.Path} is missing, so this setting has no value (see Linux.ExtensionsEnabled).", new[] { conf.Describe() });
            }

            return null;
        }

        public static IEnumerable<HealthCheckResult> ExtensionsEnabled(LinuxFacts facts, ResultBuilder verdict)
        {
            var problem = ConfProblem(facts, verdict, reportMissing: true);
            if (problem != null)
            {
                yield return problem;
                yield break;
            }

            var conf = facts.WaagentConf;
            var evidence = new List<string> { conf.Value!.Describe(conf.Path, "Extensions.Enabled", "y") };
            var misspelt = conf.Value.Find("Extensions.Enable");
            if (misspelt != null)
            {
                evidence.Add(misspelt.Evidence(conf.Path) + " (the agent does not read 'Extensions.Enable'; the key is 'Extensions.Enabled')");
            }

            if (facts.DisableAgentMarker)
            {
                evidence.Add($"{conf.Value.LibDir.TrimEnd('/')}/disable_agent exists");
                yield return verdict.Failed("The agent is disabled by the file disable_agent in its library folder: it processes no extension at all.", evidence,
                    $"Remove {conf.Value.LibDir.TrimEnd('/')}/disable_agent and restart the agent.");
            }
            else if (!conf.Value.ExtensionsEnabled)
            {
                yield return verdict.Failed("Extensions.Enabled=n: the agent ignores every extension, the backup extension included.", evidence,
                    "Set Extensions.Enabled=y in /etc/waagent.conf (the article writes 'Extensions.Enable'; the key is Extensions.Enabled) and restart the agent.",
                    RepairAction.EnableExtensions);
            }
            else
            {
                yield return verdict.Passed("Extension processing is on.", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> ProvisioningAgent(LinuxFacts facts, ResultBuilder verdict)
        {
            var problem = ConfProblem(facts, verdict, reportMissing: false);
            if (problem != null)
            {
                yield return problem;
                yield break;
            }

            var conf = facts.WaagentConf;
            var value = conf.Value!.ProvisioningAgent;
            var evidence = new[] { conf.Value.Describe(conf.Path, "Provisioning.Agent", "auto") };
            if (value == "auto")
            {
                yield return verdict.Passed("Provisioning.Agent is auto, as the article recommends.", evidence);
            }
            else if (ProvisioningAgents.Contains(value))
            {
                yield return verdict.Warning($"Provisioning.Agent is '{value}'; the article recommends 'auto'.", evidence,
                    "Set Provisioning.Agent=auto in /etc/waagent.conf unless the image needs another provisioning agent, then restart the agent.");
            }
            else
            {
                yield return verdict.Failed($"Provisioning.Agent is '{value}', which is not one of auto, waagent, cloud-init, disabled.", evidence,
                    "Set Provisioning.Agent=auto in /etc/waagent.conf and restart the agent.");
            }
        }

        public static IEnumerable<HealthCheckResult> ExtensionPolicy(LinuxFacts facts, ResultBuilder verdict)
        {
            var conf = facts.WaagentConf;
            if (conf.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(conf.Path, conf.Problem!);
                yield break;
            }

            var policy = facts.Policy;
            var file = policy.File;
            var evidence = new List<string>
            {
                conf.Value?.Describe(conf.Path, "Debug.EnableExtensionPolicy", "n") ?? conf.Describe(),
                file.Describe(),
            };
            if (!policy.Enforced)
            {
                yield return verdict.Passed(policy.EnforcementSwitch
                    ? $"Extension policy is switched on but {file.Path} does not exist, so nothing is enforced."
                    : "Extension policy is not enforced (Debug.EnableExtensionPolicy is not y).", evidence);
                yield break;
            }

            if (file.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(file.Path, file.Problem!, $"Fix or remove {file.Path}: while Debug.EnableExtensionPolicy=y, a policy the agent cannot read stops every extension.");
                yield break;
            }

            var value = file.Value!;
            var remediation = $"Fix {file.Path} (schema: policyVersion \"0.1.0\", extensionPolicies.allowListedExtensionsOnly, extensionPolicies.extensions) or set Debug.EnableExtensionPolicy=n, then restart the agent.";
            if (value.InvalidReason != null)
            {
                evidence.Add($"{file.Path}: {value.InvalidReason}");
                yield return verdict.Failed($"The extension policy {file.Path} is invalid, so the agent processes no extension at all: {value.InvalidReason}.", evidence, remediation);
            }
            else if (!value.Allows(SnapshotExtensionReader.HandlerName))
            {
                evidence.Add($"{file.Path}: allowListedExtensionsOnly is true; listed: {(value.Extensions.Count == 0 ? "(none)" : string.Join(", ", value.Extensions))}");
                yield return verdict.Failed($"The extension policy allows only listed extensions and {SnapshotExtensionReader.HandlerName} is not listed, so backups cannot run.", evidence,
                    $"Add \"{SnapshotExtensionReader.HandlerName}\": {{}} under extensionPolicies.extensions in {file.Path}, then restart the agent.");
            }
            else if (value.SignatureRequired)
            {
                yield return verdict.Warning("The extension policy sets signatureRequired, which the agent accepts only on confidential VMs; elsewhere it rejects the whole policy.", evidence, remediation);
            }
            else
            {
                yield return verdict.Passed($"The extension policy allows {SnapshotExtensionReader.HandlerName}.", evidence);
            }
        }

        public static IEnumerable<HealthCheckResult> Proxy(LinuxFacts facts, ResultBuilder verdict)
        {
            var conf = facts.WaagentConf;
            var proxy = facts.Proxy;
            if (conf.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(conf.Path, conf.Problem!);
                yield break;
            }

            if (proxy.EnvironmentFile.Status == FactStatus.Malformed)
            {
                yield return verdict.Error(proxy.EnvironmentFile.Path, proxy.EnvironmentFile.Problem!);
                yield break;
            }

            var evidence = proxy.ConfEvidence.Concat(proxy.Environment.Select(e => e.Evidence)).Concat(proxy.UnitEnvironment.Select(e => e.Evidence)).ToList();
            const string Both = "Set both HttpProxy.Host and HttpProxy.Port in /etc/waagent.conf (the backup extension reads only these) and http_proxy/https_proxy in /etc/environment, allow the proxy to reach Azure Storage, and keep 168.63.129.16 direct; restart the agent.";
            if (proxy.ConfPortText != null && proxy.ConfPort is null)
            {
                yield return verdict.Warning($"HttpProxy.Port '{proxy.ConfPortText}' is not a number, so the agent ignores the proxy settings in waagent.conf.", evidence, Both);
            }
            else if ((proxy.ConfHost is null) != (proxy.ConfPort is null))
            {
                yield return verdict.Warning("Only one of HttpProxy.Host and HttpProxy.Port is set; the agent needs both and otherwise falls back to the environment.", evidence, Both);
            }
            else if (proxy.ConfHost is null && proxy.EnvironmentProxy)
            {
                yield return verdict.Warning("A proxy is set in the environment but not in waagent.conf: the backup extension reads only HttpProxy.Host/HttpProxy.Port, so its storage traffic does not use the proxy.", evidence, Both);
            }
            else if (proxy.ConfHost != null)
            {
                yield return verdict.Passed($"The agent and the backup extension use the proxy {proxy.ConfHost}:{proxy.ConfPort}.", evidence);
            }
            else
            {
                evidence.Add("no HttpProxy.* in waagent.conf, no http_proxy/https_proxy in /etc/environment or the agent's unit");
                yield return verdict.Passed("No proxy is configured; the agent and the extension connect directly.", evidence);
            }
        }
    }
}
