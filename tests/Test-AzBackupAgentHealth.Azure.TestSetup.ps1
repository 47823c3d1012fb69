# The setup both Azure test files of Test-AzBackupAgentHealth share (dot-sourced in their BeforeAll): a 20-VM ARM
# simulator on 127.0.0.1, the Az.Accounts stand-in pointed at it, and the Azure check ids in order.
. (Join-Path $PSScriptRoot 'TestSetup.ps1')
. (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
$script:Secret = 'AZBT-PESTER-SECRET-7d41c0'
$script:Sim = Start-ArmSimulator -VmCount 20 -Token $Secret
Use-AzAccountsStub -Simulator $Sim -Token $Secret
$script:Checks = 'Azure.PowerState', 'Azure.AgentStatus', 'Azure.AgentVersion', 'Azure.SnapshotExtension', 'Azure.ExtensionProvisioning', 'Azure.BackupJob', 'Azure.ResourceGroupLock',
    'Azure.ProvisioningState', 'Azure.ProtectionState', 'Azure.BackupJobInProgress', 'Azure.PolicyDenial', 'Azure.RestorePointLimit', 'Azure.KeyVaultAccess', 'Azure.DiskSize'
