# The Azure checks for the current articles' newer codes, against the ARM simulator's scenario fleet
# (tests/ArmSimulator/SimFleet.cs ScenarioFleet: one VM per scenario, healthy but for its one condition).
# Each check must turn Failed for its own scenario's VM and for no other VM of the fleet.
BeforeDiscovery {
    $script:Cases = @(
        @{ Check = 'Azure.BackupJobInProgress'; Scenario = 'job-in-progress'; Cause = 'OperationInProgress'; Code = 'UserErrorBackupOperationInProgress' }
        @{ Check = 'Azure.ProtectionState'; Scenario = 'protection-stopped'; Cause = 'ProtectionNotActive'; Code = 'UserErrorBcmDatasourceNotPresent' }
        @{ Check = 'Azure.RestorePointLimit'; Scenario = 'restore-point-limit'; Cause = 'RestorePointLimit'; Code = 'UserErrorRpCollectionLimitReached' }
        @{ Check = 'Azure.KeyVaultAccess'; Scenario = 'key-vault-access'; Cause = 'KeyVaultAccess'; Code = 'UserErrorKeyvaultPermissionsNotConfigured' }
        @{ Check = 'Azure.DiskSize'; Scenario = 'disk-size'; Cause = 'UnsupportedDiskSize'; Code = 'UserErrorUnsupportedDiskSize' }
        @{ Check = 'Azure.ProvisioningState'; Scenario = 'provisioning-failed'; Cause = 'VmStateNotSupported'; Code = 'UserErrorVmProvisioningStateFailed' }
        @{ Check = 'Azure.PolicyDenial'; Scenario = 'policy-denied'; Cause = 'PolicyDenied'; Code = 'UserErrorRequestDisallowedByPolicy' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-PESTER-SECRET-5c3e91'
    $script:Sim = Start-ArmSimulator -Token $Secret -ExtraArgument '--scenarios'
    Use-AzAccountsStub -Simulator $Sim -Token $Secret
    $script:Results = @(Test-AzBackupAgentHealth -SubscriptionId $Sim.Subscription -Detail All)
    function script:VmId([string] $Scenario) {
        '/subscriptions/{0}/resourceGroups/rg-scenarios/providers/Microsoft.Compute/virtualMachines/vm-{1}' -f $Sim.Subscription, $Scenario
    }
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Azure checks for the current articles'' codes (scenario fleet)' {
    It 'scans every scenario VM with every Azure check' {
        @($Results.Target | Select-Object -Unique).Count | Should -Be 9
        foreach ($case in $Cases) {
            @($Results | Where-Object CheckId -EQ $case.Check).Count | Should -BeGreaterOrEqual 9
        }
    }

    It '<Check> fails for the <Scenario> VM, with evidence and advice' -ForEach $Cases {
        $mine = @($Results | Where-Object { $_.CheckId -eq $Check -and $_.Target -eq (VmId $Scenario) })
        $failed = @($mine | Where-Object Status -EQ 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].Cause | Should -Be $Cause
        $failed[0].Evidence.Count | Should -BeGreaterThan 0
        $failed[0].Remediation | Should -Not -BeNullOrEmpty
        $failed[0].RepairAction | Should -Be 'None'
        # The article's code a backup of this VM fails with, and Get-AzBackupFailureCause names the same check.
        $failed[0].Message | Should -Match $Code
        (Get-AzBackupFailureCause -ErrorCode $Code).CheckIds | Should -Contain $Check
    }

    It '<Check> does not fail for any other scenario VM' -ForEach $Cases {
        $others = @($Results | Where-Object { $_.CheckId -eq $Check -and $_.Target -ne (VmId $Scenario) })
        $others.Count | Should -BeGreaterOrEqual 8
        @($others | Where-Object Status -EQ 'Failed' | ForEach-Object Target) | Should -BeNullOrEmpty
    }

    It 'passes Azure.KeyVaultAccess when an access policy grants key and secret Get, List and Backup' {
        $r = $Results | Where-Object { $_.CheckId -eq 'Azure.KeyVaultAccess' -and $_.Target -eq (VmId 'key-vault-granted') }
        $r.Status | Should -Be 'Passed'
        $r.Message | Should -Match 'does not say which object id'
        ($Results | Where-Object { $_.CheckId -eq 'Azure.KeyVaultAccess' -and $_.Target -eq (VmId 'healthy') }).Status | Should -Be 'NotApplicable'
    }

    It 'passes every new check on the healthy VM except those that do not apply' {
        $healthy = @($Results | Where-Object { $_.Target -eq (VmId 'healthy') -and $_.CheckId -in $Cases.Check })
        $healthy.Count | Should -Be 7
        @($healthy | Where-Object Status -NotIn 'Passed', 'NotApplicable' | ForEach-Object { "$($_.CheckId)=$($_.Status): $($_.Message)" }) | Should -BeNullOrEmpty
        # No backup failed, so the restore points are not counted (one GET per VM saved in fleet scans).
        ($healthy | Where-Object CheckId -EQ 'Azure.RestorePointLimit').Message | Should -Match 'not counted'
    }
}
