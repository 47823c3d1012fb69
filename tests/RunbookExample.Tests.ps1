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

Describe 'Runbook Test-AzBackupTenant' {
    BeforeAll {
        $script:Tenant = Start-ArmSimulator -VmCount 200 -Token $Secret -ExtraArgument '--tenant-subscriptions', '4', '--management-group', 'mg-test'
        Use-AzAccountsStub -Simulator $Tenant -Token $Secret
        $script:TenantRunbook = Join-Path $RepoRoot 'examples/runbooks/Test-AzBackupTenant.ps1'
    }

    AfterAll {
        Use-AzAccountsStub -Simulator $Sim -Token $Secret
        if ($Tenant) { Stop-ArmSimulator $Tenant }
    }

    It 'accounts for every VM of the tenant and reads only the failing ones in detail' {
        $out = & $TenantRunbook *>&1 | Out-String
        # SimFleet.TenantFleet: 3 % of 200 VMs have failing backups.
        $out | Should -Match 'every subscription of the tenant'
        $out | Should -Match '200 VMs accounted for in [0-9.]+ s; 6 with failed checks; 0 error\(s\), 0 warning\(s\)'
        $out | Should -Match 'failed checks: '
        @(Get-ArmSimulatorRequest $Tenant | Where-Object path -Like '*/instanceView').Count | Should -Be 6
        @(Get-ArmSimulatorRequest $Tenant | Where-Object method -EQ 'DELETE').Count | Should -Be 0
        $out | Should -Not -Match $Secret
    }

    It 'scans a management group' {
        $out = & $TenantRunbook -ManagementGroup mg-test *>&1 | Out-String
        $out | Should -Match 'management group\(s\) mg-test'
        $out | Should -Match '200 VMs accounted for'
    }
}

