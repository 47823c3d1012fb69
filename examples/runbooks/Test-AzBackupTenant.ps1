<#
.SYNOPSIS
    Azure Automation runbook: finds why Azure VM backups fail across a whole tenant (or management groups, or
    subscriptions), through Azure Resource Graph first, under the Automation account's managed identity. Changes nothing.
.DESCRIPTION
    1. Connect-AzAccount -Identity (the managed identity needs Reader on the scope and Backup Reader on the vaults; Reader
       at a management group or the tenant root group covers every subscription below it).
    2. Test-AzBackupAgentHealth -AllSubscriptions (or -ManagementGroup / -SubscriptionId): Resource Graph accounts for
       every VM in a few paged queries within its per-user quota; only VMs whose backups fail are read through Resource
       Manager, -ThrottleLimit at a time.
    3. Keeps only what the report needs while the results stream in (a set of VM ids, the failed results), so memory
       stays well inside an Automation sandbox's 400 MB for tens of thousands of VMs, and prints the counts, the failures
       per cause and the first -Top failed results (Automation keeps a job's output stream, so it is kept short).
    Automation limits (Azure subscription and service limits, Automation: 400 MB memory per sandbox, a cloud job is
    unloaded after 3 hours of fair share): the triage of 10,000 VMs takes seconds (bench/RESULTS.md), far inside them.
    Import the modules Az.Accounts and AzBackupTroubleshoot into the Automation account (PowerShell 7.2 or 5.1 runtime).
.PARAMETER ManagementGroup
    Scan the subscriptions under these management groups instead of the whole tenant.
.PARAMETER SubscriptionId
    Scan these subscriptions instead of the whole tenant.
.PARAMETER ThrottleLimit
    VMs read in detail at once.
.PARAMETER Top
    How many failed results to print.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Test-AzBackupTenant
    The whole tenant.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-ops -ResourceGroupName rg-ops -Name Test-AzBackupTenant -Parameters @{ ManagementGroup = 'mg-production' }
#>
param(
    [string[]] $ManagementGroup,
    [string[]] $SubscriptionId,
    [ValidateRange(1, 64)][int] $ThrottleLimit = 16,
    [ValidateRange(1, 100000)][int] $Top = 200
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module AzBackupTroubleshoot)) { Import-Module AzBackupTroubleshoot }

Connect-AzAccount -Identity | Out-Null
$scope = if ($ManagementGroup) { @{ ManagementGroup = $ManagementGroup } }
elseif ($SubscriptionId) { @{ SubscriptionId = $SubscriptionId } }
else { @{ AllSubscriptions = $true } }
Write-Output "Scanning $(if ($ManagementGroup) { "management group(s) $($ManagementGroup -join ', ')" } elseif ($SubscriptionId) { "subscription(s) $($SubscriptionId -join ', ')" } else { 'every subscription of the tenant' }) as $((Get-AzContext).Account.Id)."

$vms = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
$failed = [System.Collections.Generic.List[object]]::new()
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Test-AzBackupAgentHealth @scope -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ErrorVariable scanErrors -WarningVariable scanWarnings |
    ForEach-Object {
        $null = $vms.Add($_.Target)
        if ($_.Status -eq 'Failed') { $failed.Add($_) }
    }

$failingVms = @($failed.Target | Sort-Object -Unique).Count
Write-Output ("{0} VMs accounted for in {1:0.0} s; {2} with failed checks; {3} error(s), {4} warning(s)." -f $vms.Count, $watch.Elapsed.TotalSeconds, $failingVms, $scanErrors.Count, $scanWarnings.Count)
$scanWarnings | ForEach-Object { Write-Output "warning: $_" }
$failed | Group-Object Cause | Sort-Object Count -Descending |
    ForEach-Object { '{0,5} failed checks: {1}' -f $_.Count, $_.Name } | Write-Output
$failed | Sort-Object Target, CheckId | Select-Object -First $Top |
    Format-Table Target, CheckId, Cause, Message -AutoSize -Wrap | Out-String -Width 220 | Write-Output
