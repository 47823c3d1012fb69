# examples/runbooks/Repair-AzBackupFleet.ps1 end to end against the ARM simulator and the Az.Accounts stand-in, each run
# in a fresh PowerShell where neither module is loaded yet (as in an Automation job): both are found on PSModulePath.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-PESTER-SECRET-runbook'
    $script:Runbook = Join-Path $RepoRoot 'examples/runbooks/Repair-AzBackupFleet.ps1'

    # Runs the runbook in a child PowerShell and returns what it wrote: the output objects, the other streams, their sizes
    # (the larger of CliXml and compressed JSON, per object), and the order of Connect-AzAccount and Import-Module.
    function Invoke-RunbookJob {
        param([Parameter(Mandatory)] $Simulator, [hashtable] $Parameters = @{})
        $result = Join-Path $TestDrive "job-$([guid]::NewGuid().ToString('N')).xml"
        $parameterText = ($Parameters.GetEnumerator() | ForEach-Object { "$($_.Key) = $(if ($_.Value -is [bool]) { "`$$($_.Value)" } else { "'$($_.Value)'" })" }) -join '; '
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$(Join-Path $RepoRoot 'out')' + [IO.Path]::PathSeparator + '$(Join-Path $RepoRoot 'tests/StubModules')' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$global:Order = [System.Collections.Generic.List[string]]::new()
function global:Import-Module {
    [CmdletBinding()] param([Parameter(Position = 0)][string[]] `$Name)
    `$azLoaded = [bool](Get-Module Az.Accounts)
    `$connected = `$azLoaded -and (@(Az.Accounts\Get-AzStubCall) -contains 'Connect-AzAccount -Identity')
    `$global:Order.Add("Import-Module `$(`$Name -join ',') connected=`$connected")
    Microsoft.PowerShell.Core\Import-Module -Name `$Name -Global
}
`$params = @{ $parameterText }
`$all = @(& '$Runbook' @params *>&1)
`$records = 'System.Management.Automation.WarningRecord', 'System.Management.Automation.ErrorRecord', 'System.Management.Automation.VerboseRecord', 'System.Management.Automation.InformationRecord', 'System.Management.Automation.DebugRecord'
`$output = @(`$all | Where-Object { `$records -notcontains `$_.GetType().FullName })
`$utf8 = [System.Text.Encoding]::UTF8
`$size = { param(`$o) [Math]::Max(`$utf8.GetByteCount([System.Management.Automation.PSSerializer]::Serialize(`$o, 2)), `$utf8.GetByteCount((`$o | ConvertTo-Json -Depth 2 -Compress))) }
[pscustomobject]@{
    Order         = @(`$global:Order)
    StubCalls     = @(Az.Accounts\Get-AzStubCall)
    ModuleLoaded  = [bool](Get-Module AzBackupTroubleshoot)
    Output        = `$output
    Warnings      = @(`$all | Where-Object { `$_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
    Errors        = @(`$all | Where-Object { `$_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "`$_" })
    OutputBytes   = [long](`$output | ForEach-Object { & `$size `$_ } | Measure-Object -Sum).Sum
    OtherBytes    = [long](`$all | Where-Object { `$records -contains `$_.GetType().FullName } | ForEach-Object { `$utf8.GetByteCount("`$_") } | Measure-Object -Sum).Sum
    PeakWorkingSet = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | Export-Clixml -Path '$result' -Depth 4
"@
        $file = Join-Path $TestDrive "job-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $file -Value $script
        $dll = Join-Path $PSHOME 'pwsh.dll'
        $console = if (Test-Path $dll) { & dotnet $dll -NoProfile -NonInteractive -File $file 2>&1 } else { & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -File $file 2>&1 }
        if (-not (Test-Path $result)) { throw "The runbook job wrote no result: $($console | Out-String)" }
        Import-Clixml $result
    }
}

Describe 'Runbook Repair-AzBackupFleet' {
    BeforeAll {
        $script:Sim = Start-ArmSimulator -VmCount 20 -Token $Secret
        Use-AzAccountsStub -Simulator $Sim -Token $Secret
        $script:DryRun = Invoke-RunbookJob -Simulator $Sim -Parameters @{ ThrottleLimit = 4 }
    }

    AfterAll {
        Clear-AzAccountsStub
        if ($Sim) { Stop-ArmSimulator $Sim }
    }

    It 'connects first and imports the module second' {
        $job = $DryRun
        $job.Errors | Should -BeNullOrEmpty
        $job.ModuleLoaded | Should -BeTrue
        $job.Order | Should -Be @('Import-Module AzBackupTroubleshoot connected=True')
        $job.StubCalls[0] | Should -Be 'Connect-AzAccount -Identity'
    }

    It 'reports typed objects and a short summary, and removes nothing without -Apply' {
        $job = $DryRun
        $summary = $job.Output[-1]
        $summary.PSObject.TypeNames | Should -Contain 'Deserialized.AzBackupTroubleshoot.Runbook.FleetSummary'
        $summary.Mode | Should -Be 'DryRun'
        $summary.VMsChecked | Should -Be 20
        $summary.VMsUnreadable | Should -Be 0
        $summary.ExtensionsToRemove | Should -Be 4
        $summary.ExtensionsRemoved | Should -Be 0
        $findings = @($job.Output | Select-Object -SkipLast 1)
        $findings | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'Deserialized.AzBackupTroubleshoot.Runbook.VmFinding' }
        $findings.Count | Should -Be $summary.VMsWithFailures
        @($findings | Where-Object ExtensionRemoval -EQ 'WouldRemove').VM | Sort-Object | Should -Be @('vm0005', 'vm0009', 'vm0015', 'vm0019')
        $job.Output | Where-Object { $_ -is [string] } | Should -BeNullOrEmpty
        @(Get-ArmSimulatorRequest $Sim | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        ($job.Output | ConvertTo-Json -Depth 3) + ($job.Warnings -join "`n") | Should -Not -Match $Secret
    }

    It 'removes the extension where the checks say so with -Apply' {
        $job = Invoke-RunbookJob -Simulator $Sim -Parameters @{ Apply = $true }
        $deletes = @(Get-ArmSimulatorRequest $Sim | Where-Object method -EQ 'DELETE')
        # The mixed fleet's failed extensions: vm0005, vm0009, vm0015, vm0019.
        @($deletes.path | ForEach-Object { ($_ -split '/')[8] } | Sort-Object) | Should -Be @('vm0005', 'vm0009', 'vm0015', 'vm0019')
        $job.Output[-1].Mode | Should -Be 'Apply'
        $job.Output[-1].ExtensionsRemoved | Should -Be 4
        @($job.Output | Where-Object ExtensionRemoval -EQ 'Removed').Count | Should -Be 4
    }
}

Describe 'Runbook Repair-AzBackupFleet on a 1,000-VM fleet' {
    BeforeAll {
        $script:Big = Start-ArmSimulator -VmCount 1000 -Token $Secret -ExtraArgument '--no-buckets'
        Use-AzAccountsStub -Simulator $Big -Token $Secret
        $script:BigJob = Invoke-RunbookJob -Simulator $Big -Parameters @{ ThrottleLimit = 32 }
    }

    AfterAll {
        Clear-AzAccountsStub
        if ($Big) { Stop-ArmSimulator $Big }
    }

    It 'checks every VM and keeps each output stream under Automation''s 1 MiB' {
        $BigJob.Errors | Should -BeNullOrEmpty
        $BigJob.Order | Should -Be @('Import-Module AzBackupTroubleshoot connected=True')
        $summary = $BigJob.Output[-1]
        $summary.VMsChecked | Should -Be 1000
        $summary.VMsWithFailures | Should -BeGreaterThan 100
        $summary.VmDetailOmitted | Should -Be 0
        $BigJob.OutputBytes | Should -BeLessThan 1MB
        $BigJob.OtherBytes | Should -BeLessThan 1MB
        # The process that ran it, PowerShell included, stayed within a cloud sandbox's 400 MB.
        $BigJob.PeakWorkingSet | Should -BeLessThan 400MB
        Write-Host ("    1,000 VMs: {0} VMs with failures, output {1:N0} bytes, other streams {2:N0} bytes, peak working set {3:N0} MB" -f
            $summary.VMsWithFailures, $BigJob.OutputBytes, $BigJob.OtherBytes, ($BigJob.PeakWorkingSet / 1MB))
    }
}
