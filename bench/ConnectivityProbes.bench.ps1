<#
.SYNOPSIS
    Parallel against sequential connectivity probes, all aimed at blocked loopback endpoints.
.DESCRIPTION
    Opens a listener on 127.0.0.1 that never accepts (its accept queue is filled, so Linux drops further SYNs and a connect
    hangs like a filtered port), then probes the standard probe set (WireServer 80/443/32526, the HTTP versions probe, IMDS,
    and two storage endpoints: 7 probes), all pointed at that listener, through AzBackupTroubleshoot.Core's
    ConnectivityProber: once with every probe in parallel and once one after the other (MaxParallel 1). Reports the medians
    and the ratio to the time-out. Goal: the parallel set takes under 1.5 x the time-out. No packet leaves 127.0.0.1.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ConnectivityProbes.bench.ps1 -ModulePath out/AzBackupTroubleshoot -TimeoutSec 1 -Iterations 3
#>
param(
    [string] $ModulePath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/AzBackupTroubleshoot'),
    [double] $TimeoutSec = 1,
    [int] $Iterations = 3
)
$ErrorActionPreference = 'Stop'
Add-Type -Path (Resolve-Path (Join-Path $ModulePath 'AzBackupTroubleshoot.Core.dll')).Path

$loopback = [System.Net.IPAddress]::Loopback
$listener = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
$clients = [System.Collections.Generic.List[System.Net.Sockets.Socket]]::new()
try {
    $listener.Bind([System.Net.IPEndPoint]::new($loopback, 0))
    $listener.Listen(0)
    $port = $listener.LocalEndPoint.Port
    # Fill the accept queue: once a connect does not complete, further SYNs are dropped.
    for ($i = 0; $i -lt 64; $i++) {
        $client = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
        if (-not $client.ConnectAsync($loopback, $port).Wait(300)) { $client.Dispose(); break }
        $clients.Add($client)
    }

    $options = [AzBackupTroubleshoot.Core.Probes.ConnectivityOptions]::new()
    $options.WireServerHost = '127.0.0.1'
    $options.WireServerPorts = [int[]]@($port, $port, $port)
    $options.WireServerHttpPort = $port
    $options.ImdsHost = '127.0.0.1'
    $options.ImdsPort = $port
    $options.StorageEndpoints = [AzBackupTroubleshoot.Core.Probes.StorageEndpoint[]]@(
        [AzBackupTroubleshoot.Core.Probes.StorageEndpoint]::new('127.0.0.1', $port),
        [AzBackupTroubleshoot.Core.Probes.StorageEndpoint]::new('127.0.0.1', $port))
    $targets = $options.Targets('127.0.0.1')
    $timeout = [TimeSpan]::FromSeconds($TimeoutSec)
    $prober = [AzBackupTroubleshoot.Core.Probes.ConnectivityProber]::new()

    function Measure-Probes([int] $MaxParallel) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $outcomes = $prober.ProbeAsync($targets, $timeout, $MaxParallel, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $sw.Stop()
        if (@($outcomes | Where-Object Succeeded).Count -gt 0) { throw 'A probe of a blocked endpoint succeeded.' }
        $sw.Elapsed.TotalMilliseconds
    }

    function Get-Median([double[]] $Values) {
        $s = $Values | Sort-Object
        if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
    }

    $parallel = @(); $sequential = @()
    for ($i = 0; $i -lt $Iterations; $i++) {
        $parallel += Measure-Probes ([int]::MaxValue)
        $sequential += Measure-Probes 1
    }

    $p = Get-Median $parallel
    $s = Get-Median $sequential
    $t = $timeout.TotalMilliseconds
    [pscustomobject]@{
        Probes            = $targets.Count
        TimeoutMs         = $t
        ParallelMedianMs  = [math]::Round($p, 1)
        ParallelVsTimeout = [math]::Round($p / $t, 3)
        SequentialMedianMs = [math]::Round($s, 1)
        SequentialVsTimeout = [math]::Round($s / $t, 3)
        Speedup           = [math]::Round($s / $p, 2)
        Goal              = if ($p -lt 1.5 * $t) { 'met (< 1.5 x time-out)' } else { 'MISSED' }
    } | Format-List | Out-String | Write-Host
}
finally {
    foreach ($c in $clients) { $c.Dispose() }
    $listener.Dispose()
}
