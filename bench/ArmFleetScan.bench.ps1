<#
.SYNOPSIS
    Fleet scan through the ARM client vs a naive sequential loop, against the loopback ARM simulator.
.DESCRIPTION
    Starts the simulator (1,000 mixed VMs, 50 ms latency, ARM's read bucket of 250 refilling 25 per second) and, in one
    run, times a naive loop (list, then one instance-view GET per VM in turn) and the fleet scanner (16 in parallel under
    the shared token bucket), with and without backup evidence. Prints wall times, request counts, the lower bound set by
    the bucket and the latency, and the ratios. Loopback only; takes about two minutes.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ArmFleetScan.bench.ps1
#>
param(
    [string] $ModulePath,
    [int] $VmCount = 1000,
    [int] $LatencyMs = 50,
    [int] $ThrottleLimit = 16
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'ArmFleetScan/ArmFleetScan.csproj'
& dotnet run --project $project -c Release -- --vms $VmCount --latency-ms $LatencyMs --parallel $ThrottleLimit
if ($LASTEXITCODE -ne 0) { throw "ArmFleetScan failed with exit code $LASTEXITCODE." }
