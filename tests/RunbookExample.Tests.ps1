# examples/runbooks/Repair-AzBackupFleet.ps1 end to end against the ARM simulator and the Az.Accounts stand-in.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-PESTER-SECRET-runbook'
    $script:Sim = Start-ArmSimulator -VmCount 20 -Token $Secret
    Use-AzAccountsStub -Simulator $Sim -Token $Secret
    $script:Runbook = Join-Path $RepoRoot 'examples/runbooks/Repair-AzBackupFleet.ps1'
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Runbook Repair-AzBackupFleet' {
    It 'reports first and removes nothing without -Apply' {
        $out = & $Runbook -ThrottleLimit 4 *>&1 | Out-String
        $out | Should -Match '20 VMs checked, 0 could not be read'
        $out | Should -Match 'Dry run'
        @(Get-ArmSimulatorRequest $Sim | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        (Get-AzStubCall) | Should -Contain 'Connect-AzAccount -Identity'
        $out | Should -Not -Match $Secret
    }

    It 'removes the extension where the checks say so with -Apply' {
        $out = & $Runbook -Apply *>&1 | Out-String
        $deletes = @(Get-ArmSimulatorRequest $Sim | Where-Object method -EQ 'DELETE')
        # The mixed fleet's failed extensions: vm0005, vm0009, vm0015, vm0019.
        @($deletes.path | ForEach-Object { ($_ -split '/')[8] } | Sort-Object) | Should -Be @('vm0005', 'vm0009', 'vm0015', 'vm0019')
        $out | Should -Match 'Removed'
    }
}
