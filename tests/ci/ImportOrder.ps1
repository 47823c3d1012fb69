<#
.SYNOPSIS
    CI only (.github/workflows/windows.yml, on Windows with the real Az.Accounts from the PowerShell Gallery): imports
    Az.Accounts and AzBackupTroubleshoot in the given order in this process, uses both, and checks that neither module
    was handed the other's private assemblies. Exits non-zero on the first problem. Never run by the Pester suite.
.PARAMETER ModulePath
    The built module (out/AzBackupTroubleshoot).
.PARAMETER Order
    AzAccountsFirst (connect first, import second, as the runbook does) or ModuleFirst (the order the issue reported).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateSet('AzAccountsFirst', 'ModuleFirst')][string] $Order = 'AzAccountsFirst'
)
$ErrorActionPreference = 'Stop'

function Import-Az { Import-Module Az.Accounts; $null = Get-AzEnvironment -Name AzureCloud }
function Import-Ours { Import-Module $ModulePath; $null = @(Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailable) }

if ($Order -eq 'AzAccountsFirst') { Import-Az; Import-Ours } else { Import-Ours; Import-Az }

# Use both after both are in: JSON through our System.Text.Json, and Az.Accounts' own JSON and identity stack.
$causes = @(Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailable)
if ($causes.Count -lt 1) { throw 'Get-AzBackupFailureCause returned nothing.' }
$null = Get-AzContext -ListAvailable
$null = Get-AzEnvironment
$report = Join-Path ([IO.Path]::GetTempPath()) "azbt-ci-$PID.html"
$causes | Out-Null
Test-AzBackupAgentHealth -Path (Join-Path $PSScriptRoot '../../examples/windows/healthy.json') | Export-AzBackupHealthReport -Path $report
Remove-Item $report -ErrorAction SilentlyContinue

$ours = (Resolve-Path (Join-Path $ModulePath 'Dependencies')).Path
$az = (Get-Module Az.Accounts).ModuleBase
$ourNames = Get-ChildItem $ours -Filter *.dll | ForEach-Object BaseName
$problems = @()
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location }) {
    $n = $a.GetName()
    if ($a.Location.StartsWith($ours, [StringComparison]::OrdinalIgnoreCase) -and $ourNames -notcontains $n.Name) {
        $problems += "$($n.FullName) was loaded from our Dependencies folder but is not ours."
    }
}
# Every copy of a shared name that Az.Accounts loaded from its own folder must still be there, and no assembly of Az's
# may have been bound to an older copy than it references.
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($az, [StringComparison]::OrdinalIgnoreCase) }) {
    foreach ($ref in $a.GetReferencedAssemblies() | Where-Object { $ourNames -contains $_.Name }) {
        $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $ref.Name }
        if ($loaded -and -not ($loaded | Where-Object { $_.GetName().Version -ge $ref.Version })) {
            $problems += "$($a.GetName().Name) references $($ref.FullName) but only older copies are loaded: $(($loaded | ForEach-Object { "$($_.GetName().Version) from $($_.Location)" }) -join '; ')."
        }
    }
}
"PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)), order $Order, Az.Accounts $((Get-Module Az.Accounts).Version)"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $ourNames -contains $_.GetName().Name } |
    ForEach-Object { '  {0} {1} <- {2}' -f $_.GetName().Name, $_.GetName().Version, $_.Location }
if ($problems) { $problems | ForEach-Object { Write-Host "PROBLEM: $_" }; exit 1 }
'OK'
