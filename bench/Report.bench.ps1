<#
.SYNOPSIS
    How long Export-AzBackupHealthReport takes for a 1,000-target fleet, and how big the page is.
.DESCRIPTION
    Generates a fleet with tests/ExampleFleet.ps1 (real check ids and causes, one result per check of the catalog; 40 % of
    the targets have problems, three to seven each, about 2,000 failed, error or warning results in 1,000 targets, each
    with a message, two evidence lines and a remediation), then writes the report N times into a temporary folder: the first run of the process (cold: JIT and
    the knowledge base load included) and the median of the others, both with -InputObject and through the pipeline.
    Goal: under 1 s and under 2 MB (2,000,000 bytes).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Report.bench.ps1 -ModulePath out/AzBackupTroubleshoot
#>
param(
    [string] $ModulePath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/AzBackupTroubleshoot'),
    [int] $TargetCount = 1000,
    [int] $Iterations = 7
)
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path (Join-Path $ModulePath 'AzBackupTroubleshoot.psd1')).Path
. (Join-Path (Split-Path -Parent $PSScriptRoot) 'tests/ExampleFleet.ps1')

function Get-Median([double[]] $Values) {
    $s = $Values | Sort-Object
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

$results = @(New-ExampleFleetResult -TargetCount $TargetCount)
$problems = @($results | Where-Object { $_.Status -in 'Failed', 'Error', 'Warning' }).Count
$folder = Join-Path ([System.IO.Path]::GetTempPath()) "azbackup-report-bench-$PID"
$null = New-Item -ItemType Directory -Path $folder -Force
try {
    $path = Join-Path $folder 'fleet.html'
    $cold = (Measure-Command { Export-AzBackupHealthReport -Path $path -InputObject $results }).TotalMilliseconds
    $param = [System.Collections.Generic.List[double]]::new()
    $pipe = [System.Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Iterations; $i++) {
        $param.Add((Measure-Command { Export-AzBackupHealthReport -Path $path -InputObject $results }).TotalMilliseconds)
        $pipe.Add((Measure-Command { $results | Export-AzBackupHealthReport -Path $path }).TotalMilliseconds)
    }
    $bytes = (Get-Item $path).Length
}
finally {
    Remove-Item $folder -Recurse -Force
}

$warm = Get-Median $param
$piped = Get-Median $pipe
$result = [pscustomobject]@{
    Targets           = $TargetCount
    Results           = $results.Count
    ProblemResults    = $problems
    Iterations        = $Iterations
    ColdFirstRunMs    = [math]::Round($cold, 1)
    InputObjectMs     = [math]::Round($warm, 1)
    PipelineMs        = [math]::Round($piped, 1)
    Bytes             = $bytes
    GoalMs            = 1000
    GoalBytes         = 2000000
    GoalMet           = ($cold -lt 1000) -and ($piped -lt 1000) -and ($bytes -lt 2000000)
}
$result | Format-List | Out-String | Write-Host
$result
