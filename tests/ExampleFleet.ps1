# Dot-sourced by the report tests and bench/Report.bench.ps1: a generated fleet of HealthCheckResult objects, using the
# real check ids and causes of the check catalog. Deterministic for a seed. The module must be imported first.

function New-ExampleFleetResult {
    [CmdletBinding()]
    param(
        [int] $TargetCount = 50,
        [int] $Seed = 7,
        # Share of targets with problems; the rest pass every check (Not applicable aside).
        [double] $SickShare = 0.4
    )
    # The module loads its Core assembly on first use; load it now so that its types can be named here.
    Add-Type -Path (Join-Path (Get-Module AzBackupTroubleshoot).ModuleBase 'AzBackupTroubleshoot.Core.dll')
    $rng = [System.Random]::new($Seed)
    # Every check of the catalog. A target with problems has three to seven of them (five on average, about 2,000 problem
    # results in 1,000 targets, the load the 2 MB budget of docs/Export-AzBackupHealthReport.md was set for), whatever the
    # number of checks: adding checks to the catalog adds passed rows, which a fleet's report counts rather than lists,
    # and does not change how many problems a failing VM has.
    $catalog = [AzBackupTroubleshoot.Core.Checks.CheckCatalog]::All
    $linux = @($catalog | Where-Object { $_.Platform -in 'Linux', 'Guest', 'Azure' })
    $windows = @($catalog | Where-Object { $_.Platform -in 'Windows', 'Guest', 'Azure' })
    $status = [AzBackupTroubleshoot.Core.Checks.CheckStatus]
    $repairable = @{
        'Linux.AgentService' = 'RestartAgent'; 'Linux.AgentVersion' = 'UpdateAgent'; 'Linux.ExtensionsEnabled' = 'EnableExtensions'
        'Linux.AutoUpdate' = 'EnableAutoUpdate'; 'Windows.GuestAgentService' = 'RestartAgent'; 'Windows.IaaSVmProvider' = 'StartService'
        'Windows.VssCopyMode' = 'SetVssCopyMode'; 'Network.WireServer' = 'AddDatacenterRoute'
    }
    for ($i = 1; $i -le $TargetCount; $i++) {
        $onLinux = ($i % 3) -ne 0
        $target = if ($onLinux) { 'vm-lnx-{0:d4}' -f $i } else { 'vm-win-{0:d4}' -f $i }
        $checks = if ($onLinux) { $linux } else { $windows }
        $sick = $rng.NextDouble() -lt $SickShare
        # Which of this target's checks have a problem: 3 to 7 distinct positions (none for a healthy target).
        $problemAt = @{}
        if ($sick) {
            $wanted = [math]::Min($checks.Count, $rng.Next(3, 8))
            while ($problemAt.Count -lt $wanted) { $problemAt[$rng.Next(0, $checks.Count)] = $true }
        }
        for ($c = 0; $c -lt $checks.Count; $c++) {
            $check = $checks[$c]
            $roll = $rng.NextDouble()
            $s = if ($problemAt.ContainsKey($c)) { if ($roll -lt 0.55) { $status::Failed } elseif ($roll -lt 0.89) { $status::Warning } else { $status::Error } }
            elseif ($check.Platform -eq 'Azure' -and $check.Id -eq 'Azure.ResourceGroupLock' -and $roll -lt 0.5) { $status::NotApplicable }
            else { $status::Passed }
            if ($s -eq $status::Passed) {
                [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new($target, $check.Id, $check.Cause, $s, "OK: $($check.Title).")
                continue
            }
            if ($s -eq $status::NotApplicable) {
                [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new($target, $check.Id, $check.Cause, $s, 'No lock check: the VM has no restore point collection yet.')
                continue
            }
            $minute = $rng.Next(0, 60)
            $evidence = @(
                ('/var/log/waagent.log:{0}: 2026-11-27T04:{1:d2}:17.512Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=exit code 1' -f $rng.Next(100, 9000), $minute)
                ('{0} = {1}' -f $check.Id, @('inactive (dead)', 'timeout after 30 s', '2.2.49.2', 'n', 'ECONNREFUSED 168.63.129.16:32526')[$rng.Next(0, 5)])
            )
            $message = switch ($s) {
                $status::Failed { "Not met: $($check.Title)." }
                $status::Warning { "May lead to a failure: $($check.Title)." }
                default { "Could not be evaluated: $($check.Title) (the file could not be read)." }
            }
            $repair = if ($repairable.ContainsKey($check.Id)) { $repairable[$check.Id] } else { 'None' }
            [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new($target, $check.Id, $check.Cause, $s, $message, [string[]]$evidence,
                "Follow the solution for $($check.Cause) in the article, then run Test-AzBackupAgentHealth again.", $repair)
        }
    }
}
