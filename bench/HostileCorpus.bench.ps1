<#
.SYNOPSIS
Runs the file-side hostile-input corpus (tests/New-HostileCorpus.ps1 -Category Files) case by case and reports each case's
wall time and the peak memory of the process that ran it.

.DESCRIPTION
Each case runs in a fresh child pwsh (module imported, then the cmdlet the case names) under `timeout`, so one case that
hangs is killed at -BoundSeconds and reported as a hang instead of stopping the run. Wall time is measured around the
cmdlet inside the child (Stopwatch); peak memory is the child's VmHWM (peak resident set) from /proc/self/status after the
cmdlet, next to the VmHWM of a child that only imports the module (the baseline). Cases that need a mount namespace
(BindMount) run under `unshare -m`. Nothing is asserted: the figures go to bench/RESULTS.md.

.EXAMPLE
dotnet pwsh -NoProfile -File bench/HostileCorpus.bench.ps1 -ModulePath out/AzBackupTroubleshoot
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/AzBackupTroubleshoot'),
    [int] $BoundSeconds = 120,
    [string] $CorpusScript = (Join-Path (Split-Path -Parent $PSScriptRoot) 'tests/New-HostileCorpus.ps1')
)

$ErrorActionPreference = 'Stop'
$manifest = Join-Path (Resolve-Path $ModulePath).ProviderPath 'AzBackupTroubleshoot.psd1'
$examples = Join-Path (Split-Path -Parent $PSScriptRoot) 'examples'
$healthy = Join-Path $examples 'linux/healthy'
$corpus = Join-Path ([System.IO.Path]::GetTempPath()) ('abt-hostile-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$pwsh = if (Test-Path $pwshDll) { @('dotnet', $pwshDll) } else { @((Get-Process -Id $PID).Path) }

function Invoke-Case([string] $Body, [string] $BindFile, [switch] $Unprivileged) {
    $script = @"
Import-Module '$manifest' -ErrorAction Stop
`$sw = [System.Diagnostics.Stopwatch]::StartNew()
`$out = @(& { $Body } 2>&1)
`$sw.Stop()
`$hwm = (Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', ''
'{0}|{1}|{2}|{3}' -f `$sw.Elapsed.TotalMilliseconds, `$hwm, `$out.Count, (@(`$out | Where-Object { `$_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { (`$_.FullyQualifiedErrorId -split ',')[0] }) -join ';')
"@
    $args = @('--kill-after=10', $BoundSeconds)
    if ($Unprivileged) { $args += @('unshare', '-U', '--map-user=1000', '--map-group=1000') }
    if ($BindFile) { $args += @('unshare', '-m', '--propagation', 'private', 'sh', '-c', 'mount --bind /dev/zero "$1" && shift && exec "$@"', 'sh', $BindFile) }
    $args += $pwsh + @('-NoProfile', '-NonInteractive', '-Command', $script)
    $line = & timeout @args | Select-Object -Last 1
    if ($LASTEXITCODE -eq 124 -or $LASTEXITCODE -eq 137) { return [pscustomobject]@{ Ms = $null; PeakMiB = $null; Outputs = $null; Errors = "HANG (killed at $BoundSeconds s)" } }
    $f = "$line" -split '\|'
    [pscustomobject]@{ Ms = [double]$f[0]; PeakMiB = [math]::Round([double]$f[1] / 1024, 1); Outputs = [int]$f[2]; Errors = $f[3] }
}

try {
    $genWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $cases = & $CorpusScript -Path $corpus -Category Files -Examples $examples
    $genWatch.Stop()
    $baseline = Invoke-Case '$null'
    $rows = foreach ($c in $cases) {
        $body = switch -Wildcard ($c.Command) {
            'Test-AzBackupAgentHealth*' { "Test-AzBackupAgentHealth -Path '$($c.Path)'" }
            'Repair-AzBackupAgent*' { "Repair-AzBackupAgent -Path '$($c.Path)' -$(($c.Command -split ' -')[1]) -Confirm:`$false" }
            'Add-AzDatacenterRoute*' { "Add-AzDatacenterRoute -ServiceTagFile '$($c.Path)' -ServiceTag Storage -WhatIf" }
            'Save-AzBackupAgentLog*' { "Save-AzBackupAgentLog -Path '$healthy' -Destination '$($c.Path)' -Force" }
        }
        $bind = if ($c.BindMount) { Join-Path $c.Path $c.BindMount }
        $r = Invoke-Case $body $bind -Unprivileged:$c.Unprivileged
        [pscustomobject]@{ Case = $c.Name; Ms = $r.Ms; PeakMiB = $r.PeakMiB; AddedMiB = if ($r.PeakMiB) { [math]::Round($r.PeakMiB - $baseline.PeakMiB, 1) }; Outputs = $r.Outputs; Errors = $r.Errors }
    }
    "Corpus generated in $([math]::Round($genWatch.Elapsed.TotalSeconds, 1)) s; baseline child (module imported, nothing run): peak $($baseline.PeakMiB) MiB."
    $rows | Format-Table -AutoSize | Out-String -Width 200
    $done = @($rows | Where-Object Ms -ne $null)
    "Total cmdlet time: {0:N0} ms over {1} cases; slowest {2} ({3:N0} ms); highest peak {4} MiB ({5}); hangs: {6}." -f `
    ($done | Measure-Object Ms -Sum).Sum, $rows.Count, ($done | Sort-Object Ms -Descending | Select-Object -First 1).Case, ($done | Measure-Object Ms -Maximum).Maximum,
    ($done | Measure-Object PeakMiB -Maximum).Maximum, ($done | Sort-Object PeakMiB -Descending | Select-Object -First 1).Case, @($rows | Where-Object Ms -eq $null).Count
}
finally {
    if (Test-Path -LiteralPath $corpus) {
        & chmod -R u+rwx $corpus
        Remove-Item -LiteralPath $corpus -Recurse -Force
    }
}
