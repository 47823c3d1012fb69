<#
.SYNOPSIS
    Tenant scale: the Resource Graph triage vs today's per-VM scan, side by side, against the loopback ARM simulator.
.DESCRIPTION
    For each fleet size (default 10,000 VMs in 200 subscriptions, and 1,000 VMs in 20 subscriptions for the memory
    comparison) starts the ARM simulator as a child process on 127.0.0.1 (SimFleet.TenantFleet: 3 % failing backups,
    50 ms latency on every answer, ARM's read bucket of 250 refilling 25 per second per subscription, Resource Graph's
    quota of 15 queries per 5-second window), then runs, each in its own process so each has its own peak memory:
    the triage (bench/ResourceGraphTriage --mode triage) and the per-VM scan with backup evidence (--mode full), and
    compares their results VM by VM (--mode compare). Prints one JSON line per run and a summary table with the lower
    bound of the per-VM scan. Loopback only.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ResourceGraphTriage.bench.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ResourceGraphTriage.bench.ps1 -Fleet '1000x20'
#>
param(
    [string] $ModulePath,
    [string[]] $Fleet = @('10000x200', '1000x20'),
    [int] $LatencyMs = 50,
    [int] $ThrottleLimit = 16,
    [switch] $SkipFull,
    # A full collection every 500 ms in each run, to report the live heap (what stays referenced) beside the peaks.
    [switch] $LiveHeap
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
& dotnet build (Join-Path $root 'tests/ArmSimulator/ArmSimulator.csproj') -c Release --nologo -v q | Out-Null
& dotnet build (Join-Path $PSScriptRoot 'ResourceGraphTriage/ResourceGraphTriage.csproj') -c Release --nologo -v q | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'The benchmark did not build.' }
$sim = Join-Path $root 'tests/ArmSimulator/bin/Release/net10.0/ArmSimulator.dll'
$bench = Join-Path $PSScriptRoot 'ResourceGraphTriage/bin/Release/net10.0/ResourceGraphTriage.dll'
$token = 'bench-token'
$work = Join-Path ([System.IO.Path]::GetTempPath()) "rg-bench-$PID"
$null = New-Item -ItemType Directory -Force -Path $work
$rows = @()

foreach ($f in $Fleet) {
    $vms, $subs = $f -split 'x' | ForEach-Object { [int]$_ }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($sim, '--vms', "$vms", '--token', $token, '--latency-ms', "$LatencyMs", '--tenant-subscriptions', "$subs")) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        $line = $process.StandardOutput.ReadLine()
        if ($line -notmatch '^LISTENING (\S+)') { throw "The simulator did not start: $line" }
        $url = $Matches[1]
        Write-Host "== $vms VMs in $subs subscriptions, latency $LatencyMs ms, simulator $url"
        $triageOut = Join-Path $work "triage-$vms.tsv"
        $fullOut = Join-Path $work "full-$vms.tsv"
        $extra = @(if ($LiveHeap) { '--live-heap' })
        $t = & dotnet $bench --mode triage --url $url --token $token --subscriptions $subs --parallel $ThrottleLimit --out $triageOut $extra
        Write-Host $t
        $triage = $t | ConvertFrom-Json
        $full = $null
        $compare = $null
        if (-not $SkipFull) {
            $u = & dotnet $bench --mode full --url $url --token $token --subscriptions $subs --parallel $ThrottleLimit --out $fullOut $extra
            Write-Host $u
            $full = $u | ConvertFrom-Json
            $c = & dotnet $bench --mode compare --triage $triageOut --full $fullOut
            Write-Host $c
            $compare = $c | ConvertFrom-Json
        }
        $rows += [pscustomobject]@{ Vms = $vms; Subs = $subs; Triage = $triage; Full = $full; Compare = $compare }
    }
    finally {
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(10000)) { $process.Kill() }
        $process.Dispose()
    }
}

# The fastest any per-VM read of the same fleet could be, from its measured requests: ARM's read bucket (250, then 25
# a second; per subscription as ARM counts it, and, as the issue framed it, as if one bucket served the whole tenant),
# the latency (list pages one after another) and the parallelism (-ThrottleLimit requests in flight).
function Get-Bound($run, [double] $latency, [int] $parallel) {
    $perSubscription = [math]::Max(0, $run.armRequestsMaxPerSubscription - 250) / 25 + $latency
    $oneBucket = [math]::Max(0, $run.armRequests - 250) / 25 + $latency
    $flight = [math]::Max($run.listPages * $latency, [math]::Ceiling($run.armRequests / $parallel) * $latency)
    [pscustomobject]@{ PerSubscription = [math]::Max($perSubscription, $flight); OneBucket = [math]::Max($oneBucket, $flight) }
}

Write-Host ''
Write-Host '| fleet | path | wall time | ARM requests | Resource Graph requests | 429s (ARM / RG) | ARM requests per healthy VM | peak working set | peak managed heap | live heap (max) |'
Write-Host '|---|---|---|---|---|---|---|---|---|---|'
foreach ($r in $rows) {
    foreach ($run in @($r.Triage, $r.Full) | Where-Object { $_ }) {
        $healthy = if ($run.mode -eq 'triage') { $run.outcomes.Healthy } else { $null }
        $perHealthy = if ($healthy) { '{0:0.000}' -f ($run.armRequests / $healthy) } else { '-' }
        $liveText = if ($LiveHeap) { '{0:0.0} MB' -f $run.liveHeapMaxMB } else { '-' }
        Write-Host ("| {0:N0} VMs / {1} subs | {2} | {3:0.00} s | {4:N0} | {5} | {6} / {7} | {8} | {9:0.0} MB | {10:0.0} MB | {11} |" -f $r.Vms, $r.Subs, $run.mode, $run.seconds, $run.armRequests, $run.graphRequests, $run.arm429, $run.graph429, $perHealthy, $run.peakWorkingSetMB, $run.peakManagedHeapMB, $liveText)
    }
    if ($r.Full) {
        $b = Get-Bound $r.Full ($LatencyMs / 1000) $ThrottleLimit
        Write-Host ("|  | per-VM bound (per-subscription buckets) | {0:0.00} s | triage / bound = {1:0.000} | | | | | |" -f $b.PerSubscription, ($r.Triage.seconds / $b.PerSubscription))
        Write-Host ("|  | per-VM bound (one bucket for the tenant) | {0:0.00} s | triage / bound = {1:0.000} | | | | | |" -f $b.OneBucket, ($r.Triage.seconds / $b.OneBucket))
        Write-Host ("|  | results | every VM in both: {0}; detailed = full read: {1} of {2}; triaged checks = full read: {3} of {4} | | | | | | |" -f ($r.Compare.inOnlyOne -eq 0), $r.Compare.detailedSameAsFull, $r.Compare.detailed, $r.Compare.triagedSameAsFull, $r.Compare.triaged)
    }
}
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
