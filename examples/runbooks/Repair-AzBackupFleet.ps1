<#
.SYNOPSIS
    Azure Automation runbook: scans the VMs of a subscription for backup agent and extension problems under the
    Automation account's managed identity, and removes the backup extension where the checks say so.
.DESCRIPTION
    1. Connect-AzAccount -Identity (the managed identity needs Reader on the subscription, Backup Reader on the vaults
       and, to repair, Virtual Machine Contributor; Backup Operator too with -StartBackup).
    2. Test-AzBackupAgentHealth -SubscriptionId: every VM, 16 at a time, under Resource Manager's read limits.
    3. Prints a summary of the failed checks per cause.
    4. Uninstall-AzVmSnapshotExtension for the results whose repair is the uninstall: with -WhatIf unless -Apply is
       given, so the first run only reports what it would do.
    Import the modules Az.Accounts and AzBackupTroubleshoot into the Automation account (PowerShell 7.2 or 5.1 runtime).
.PARAMETER SubscriptionId
    The subscriptions to scan; by default the managed identity's default subscription.
.PARAMETER Apply
    Remove the extension for real (without it the runbook runs the removal with -WhatIf).
.PARAMETER StartBackup
    With -Apply, start an on-demand backup after each removal (at most nine a day per VM).
.PARAMETER ThrottleLimit
    VMs read at once.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Repair-AzBackupFleet
    First run: report only.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Repair-AzBackupFleet -Parameters @{ Apply = $true; StartBackup = $true }
    Second run, after reading the first run's output: repair and start backups.
#>
param(
    [string[]] $SubscriptionId,
    [switch] $Apply,
    [switch] $StartBackup,
    [ValidateRange(1, 64)][int] $ThrottleLimit = 16
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module AzBackupTroubleshoot)) { Import-Module AzBackupTroubleshoot }

Connect-AzAccount -Identity | Out-Null
if (-not $SubscriptionId) { $SubscriptionId = @((Get-AzContext).Subscription.Id) }
Write-Output "Scanning $($SubscriptionId -join ', ') as $((Get-AzContext).Account.Id)."

# Per-VM failures (a VM that cannot be read) are written as errors and the scan goes on; collect them to report.
# -Detail All: every VM's instance view, so a failed extension is found even before a backup has failed (the repair
# below acts on it); Test-AzBackupTenant.ps1 shows the Resource Graph triage for a whole tenant.
$results = @(Test-AzBackupAgentHealth -SubscriptionId $SubscriptionId -Detail All -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ErrorVariable scanErrors)
$vms = @($results.Target | Sort-Object -Unique)
Write-Output ("{0} VMs checked, {1} could not be read." -f $vms.Count, $scanErrors.Count)

$failed = @($results | Where-Object Status -EQ 'Failed')
$failed | Group-Object Cause | Sort-Object Count -Descending |
    ForEach-Object { '{0,5} failed checks: {1}' -f $_.Count, $_.Name } | Write-Output
$failed | Sort-Object Target, CheckId | Format-Table Target, CheckId, Cause, Message -AutoSize -Wrap | Out-String -Width 220 | Write-Output

$toRepair = @($results | Where-Object { $_.RepairAction -eq 'UninstallSnapshotExtension' -and $_.Status -eq 'Failed' })
if ($toRepair.Count -eq 0) {
    Write-Output 'No VM needs its backup extension removed.'
    return
}

if ($Apply) {
    $toRepair | Uninstall-AzVmSnapshotExtension -Confirm:$false -StartBackup:$StartBackup -ErrorAction Continue |
        Format-Table VMName, ResourceGroupName, ExtensionName, Status, BackupStarted -AutoSize | Out-String | Write-Output
}
else {
    Write-Output 'Dry run (-WhatIf); start the runbook with -Apply to remove the extension:'
    $toRepair | Uninstall-AzVmSnapshotExtension -WhatIf
}
