using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Tests.Checks
{
    /// <summary>
    /// Hostile-input case (issue 11): an extension's status message carrying a SAS URL became a result's message, and from
    /// there the results file, the pipeline, the HTML report and verbose output. A result never holds a secret.
    /// </summary>
    public class HealthCheckResultHostileInputTests
    {
        [Fact]
        public void A_secret_in_the_message_evidence_or_remediation_is_redacted_when_the_result_is_made()
        {
            const string status = "Upload to https://md.blob.core.windows.net/s/vm.status?sv=2020&sig=HOSTILEA%2BHOSTILEB&se=2 failed; Authorization: Bearer HOSTILEAtoken0123456789HOSTILEB";
            var result = new HealthCheckResult("vm1", "Linux.ExtensionStatus", Cause.ExtensionNotLoaded, CheckStatus.Failed,
                status, new[] { "0.status: " + status }, "See " + status);
            foreach (var text in new[] { result.Message, result.Evidence[0], result.Remediation, result.ToString() })
            {
                Assert.DoesNotContain("HOSTILE", text, StringComparison.Ordinal);
                Assert.Contains("sig=REDACTED", text, StringComparison.Ordinal);
            }
        }
    }
}
