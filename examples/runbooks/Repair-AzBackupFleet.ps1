<#
.SYNOPSIS
    Azure Automation runbook: scans the VMs of a subscription for backup agent and extension problems under the
    Automation account's managed identity, and removes the backup extension where the checks say so.
.DESCRIPTION
    1. Connect-AzAccount -Identity first, then Import-Module AzBackupTroubleshoot: Az.Accounts loads its assemblies
       (and registers its own resolver) before this module's, as it expects on Windows PowerShell 5.1.
    2. Test-AzBackupAgentHealth -SubscriptionId: every VM, -ThrottleLimit at a time, under Resource Manager's read limits.
    3. Uninstall-AzVmSnapshotExtension for the VMs whose checks ask for it: only with -Apply; without it nothing changes.
    4. Output: typed objects, small enough for Automation's streams. One AzBackupTroubleshoot.Runbook.VmFinding per VM
       with a failed check (at most -MaxVmDetail of them; the summary says how many more), then one
       AzBackupTroubleshoot.Runbook.FleetSummary. VMs that cannot be read are counted, and the first 20 are warnings.

    Runtime: create the runbook with the PowerShell 7.4 runtime environment (or Windows PowerShell 5.1) and import the
    modules Az.Accounts and AzBackupTroubleshoot into it. PowerShell 7.2 cannot run the module: the import stops with
    UnsupportedPowerShell.

    Limits (Azure Automation, "Process automation" limits: https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#automation-limits):
    a job stream holds at most 1 MiB, a cloud sandbox has 400 MB of memory and runs a job for at most 3 hours (fair
    share). The runbook keeps only the failed results in memory (never the passed ones), writes one object per VM with
    a failure plus one summary (tests/RunbookExample.Tests.ps1 measures the output of a 1,000-VM fleet), turns progress
    off, and stops starting new subscriptions after -TimeBudgetMinutes. For fleets that need longer, split them over
    several jobs with -SubscriptionId, or run on a hybrid worker.
.PARAMETER SubscriptionId
    The subscriptions to scan; by default the managed identity's default subscription.
.PARAMETER AccountId
    The client id of a user-assigned managed identity (Connect-AzAccount -Identity -AccountId); the system-assigned one by default.
.PARAMETER Apply
    Remove the extension for real (without it nothing is changed and the summary says what would be).
.PARAMETER StartBackup
    With -Apply, start an on-demand backup after each removal (at most nine a day per VM).
.PARAMETER ThrottleLimit
    VMs read at once.
.PARAMETER MaxVmDetail
    At most this many VmFinding objects are written (the summary counts all of them).
.PARAMETER TimeBudgetMinutes
    No further subscription is started after this many minutes (Automation stops a cloud job at 3 hours).
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Repair-AzBackupFleet
    First run: report only.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Repair-AzBackupFleet -Parameters @{ Apply = $true; StartBackup = $true }
    Second run, after reading the first run's output: repair and start backups.
#>
param(
    [string[]] $SubscriptionId,
    [string] $AccountId,
    [switch] $Apply,
    [switch] $StartBackup,
    [ValidateRange(1, 64)][int] $ThrottleLimit = 16,
    [ValidateRange(0, 5000)][int] $MaxVmDetail = 1000,
    [ValidateRange(1, 170)][int] $TimeBudgetMinutes = 150
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$clock = [System.Diagnostics.Stopwatch]::StartNew()

# Connect first, import second.
$connect = @{ Identity = $true }
if ($AccountId) { $connect.AccountId = $AccountId }
$null = Connect-AzAccount @connect
Import-Module AzBackupTroubleshoot

if (-not $SubscriptionId) { $SubscriptionId = @((Get-AzContext).Subscription.Id) }

$checked = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
$failed = [System.Collections.Generic.List[object]]::new()
$unreadable = [System.Collections.Generic.List[object]]::new()
$scanned = [System.Collections.Generic.List[string]]::new()
foreach ($subscription in $SubscriptionId) {
    if ($clock.Elapsed.TotalMinutes -ge $TimeBudgetMinutes) {
        Write-Warning "Time budget of $TimeBudgetMinutes minutes reached: subscription $subscription and the ones after it were not scanned."
        break
    }
    $scanErrors = $null
    # Only failed results are kept; every result marks its VM as checked. -Detail All reads every VM's instance view, so a
    # failed extension is found even before a backup has failed (Test-AzBackupTenant.ps1 shows the Resource Graph triage).
    Test-AzBackupAgentHealth -SubscriptionId $subscription -Detail All -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable +scanErrors |
        ForEach-Object {
            $null = $checked.Add($_.Target)
            if ("$($_.Status)" -eq 'Failed') { $failed.Add($_) }
        }
    if ($scanErrors) { $unreadable.AddRange(@($scanErrors)) }
    $scanned.Add($subscription)
}

foreach ($e in $unreadable | Select-Object -First 20) {
    $text = "$e"
    Write-Warning ($(if ($text.Length -gt 300) { $text.Substring(0, 300) + '…' } else { $text }))
}
if ($unreadable.Count -gt 20) { Write-Warning "$($unreadable.Count - 20) more VMs could not be read." }

$toRepair = @($failed | Where-Object { "$($_.RepairAction)" -eq 'UninstallSnapshotExtension' })
$removed = @{}
$backups = 0
$repairErrors = $null
if ($Apply -and $toRepair.Count -gt 0) {
    $toRepair | Uninstall-AzVmSnapshotExtension -Confirm:$false -StartBackup:$StartBackup -ErrorAction SilentlyContinue -ErrorVariable repairErrors |
        ForEach-Object {
            # The runbook's own words for the uninstall's RepairStatus.
            $removed[$_.ResourceId] = switch ("$($_.Status)") { 'Repaired' { 'Removed' } 'Started' { 'RemovalStarted' } 'AlreadyHealthy' { 'NotInstalled' } default { "$($_.Status)" } }
            if ($_.BackupStarted) { $backups++ }
        }
    foreach ($e in @($repairErrors) | Select-Object -First 20) { Write-Warning "$e" }
}

# One small object per VM with a failed check.
$byVm = @($failed | Group-Object Target | Sort-Object Name)
foreach ($vm in $byVm | Select-Object -First $MaxVmDetail) {
    $parts = $vm.Name -split '/'
    $repair = @($vm.Group | Where-Object { "$($_.RepairAction)" -eq 'UninstallSnapshotExtension' }).Count -gt 0
    [pscustomobject]@{
        PSTypeName    = 'AzBackupTroubleshoot.Runbook.VmFinding'
        VM            = if ($parts.Count -ge 9) { $parts[8] } else { $vm.Name }
        ResourceGroup = if ($parts.Count -ge 5) { $parts[4] } else { '' }
        Subscription  = if ($parts.Count -ge 3) { $parts[2] } else { '' }
        FailedChecks  = ($vm.Group.CheckId | Sort-Object -Unique) -join ','
        Causes        = ($vm.Group | ForEach-Object { "$($_.Cause)" } | Sort-Object -Unique) -join ','
        ExtensionRemoval = if (-not $repair) { '' } elseif ($Apply) { if ($removed.ContainsKey($vm.Name)) { $removed[$vm.Name] } else { 'Failed' } } else { 'WouldRemove' }
    }
}

[pscustomobject]@{
    PSTypeName          = 'AzBackupTroubleshoot.Runbook.FleetSummary'
    Mode                = if ($Apply) { 'Apply' } else { 'DryRun' }
    Subscriptions       = $scanned -join ','
    VMsChecked          = $checked.Count
    VMsUnreadable       = $unreadable.Count
    VMsWithFailures     = $byVm.Count
    FailedChecksByCause = ($failed | Group-Object { "$($_.Cause)" } | Sort-Object Count -Descending | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join '; '
    ExtensionsToRemove  = @($toRepair.Target | Sort-Object -Unique).Count
    ExtensionsRemoved   = @($removed.Values | Where-Object { $_ -eq 'Removed' }).Count
    BackupsStarted      = $backups
    VmDetailWritten     = [Math]::Min($byVm.Count, $MaxVmDetail)
    VmDetailOmitted     = [Math]::Max(0, $byVm.Count - $MaxVmDetail)
    Minutes             = [Math]::Round($clock.Elapsed.TotalMinutes, 1)
}
