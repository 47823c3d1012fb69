using System.Management.Automation;
using AzBackupTroubleshoot.Core.Checks;
using AzBackupTroubleshoot.Infrastructure;

namespace AzBackupTroubleshoot.Commands
{
    /// <summary>
    /// Tests the health of the VM guest agent and the backup extension: from Azure Resource Manager for VMs named by
    /// resource group and name, resource id, piped Get-AzVM objects or whole subscriptions (this file holds the
    /// cmdlet's shared frame; the Azure parameter sets live in TestAzBackupAgentHealthCommand.Azure.cs, the in-guest ones
    /// beside it).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBackupAgentHealth", DefaultParameterSetName = AzureByNameSet)]
    [OutputType(typeof(HealthCheckResult))]
    public sealed partial class TestAzBackupAgentHealthCommand : CancellableCmdlet
    {
        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (IsAzureParameterSet)
            {
                BeginAzure();
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (IsAzureParameterSet)
            {
                ProcessAzure();
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (IsAzureParameterSet)
            {
                EndAzure();
            }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                DisposeAzure();
            }

            base.Dispose(disposing);
        }
    }
}
