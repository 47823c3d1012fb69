<#
.SYNOPSIS
    How much Import-Module AzBackupTroubleshoot adds to a cold `pwsh -NoProfile` start.
.DESCRIPTION
    In one run, alternates N starts of a bare `pwsh -NoProfile -Command exit` (the baseline) with N starts that import the
    built module and run one cmdlet, and reports the medians, the difference and the ratio. It also reports the time of
    Import-Module alone, measured inside a fresh process (start-up not counted). Goal: under 150 ms added.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ImportTime.bench.ps1 -ModulePath out/AzBackupTroubleshoot
#>
param(
    [string] $ModulePath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/AzBackupTroubleshoot'),
    [int] $Iterations = 15
)
$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path (Join-Path $ModulePath 'AzBackupTroubleshoot.psd1')).Path
$dll = Join-Path $PSHOME 'pwsh.dll'
$exe = if (Test-Path $dll) { 'dotnet' } else { (Get-Process -Id $PID).Path }
[string[]] $pre = if (Test-Path $dll) { @($dll) } else { @() }

function Measure-Start([string] $Command) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $exe @pre -NoProfile -NonInteractive -Command $Command
    $sw.Stop()
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed: $Command" }
    $sw.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $s = $Values | Sort-Object
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

# Warm the file cache once each (not counted).
$null = Measure-Start 'exit'
$null = Measure-Start "Import-Module '$manifest'; exit"

$bare = [System.Collections.Generic.List[double]]::new()
$with = [System.Collections.Generic.List[double]]::new()
$inside = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Iterations; $i++) {
    $bare.Add((Measure-Start 'exit'))
    $with.Add((Measure-Start "Import-Module '$manifest'; exit"))
    $ms = & $exe @pre -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module '$manifest' }).TotalMilliseconds"
    $inside.Add([double]$ms)
}

$b = Get-Median $bare
$w = Get-Median $with
$m = Get-Median $inside
$result = [pscustomobject]@{
    Iterations           = $Iterations
    BareStartMs          = [math]::Round($b, 1)
    StartWithImportMs    = [math]::Round($w, 1)
    AddedMs              = [math]::Round($w - $b, 1)
    Ratio                = [math]::Round($w / $b, 3)
    ImportInsideProcessMs = [math]::Round($m, 1)
    GoalAddedMs          = 150
    GoalMet              = ($w - $b) -lt 150
}
$result | Format-List | Out-String | Write-Host
$result
