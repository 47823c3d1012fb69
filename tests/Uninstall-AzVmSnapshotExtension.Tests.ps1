# Uninstall-AzVmSnapshotExtension against the ARM simulator (child process on 127.0.0.1) and the Az.Accounts stand-in.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-PESTER-SECRET-a93e55'
    $script:Sim = Start-ArmSimulator -VmCount 20 -Token $Secret
    Use-AzAccountsStub -Simulator $Sim -Token $Secret
    function Get-NewRequest([int] $Skip) { @(Get-ArmSimulatorRequest $Sim) | Select-Object -Skip $Skip }
    function Get-RequestCount { @(Get-ArmSimulatorRequest $Sim).Count }
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Uninstall-AzVmSnapshotExtension' {
    It 'sends one DELETE and polls it to Succeeded' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceGroupName rg-fleet-1 -VMName vm0010 -Confirm:$false
        $r | Should -BeOfType ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
        $r.Status | Should -Be 'Repaired'
        $r.Action | Should -Be 'UninstallSnapshotExtension'
        $r.Changed | Should -BeTrue
        $r.VMName | Should -Be 'vm0010'
        $r.ResourceGroupName | Should -Be 'rg-fleet-1'
        $r.Target | Should -Be $r.ResourceId
        $r.ResourceId | Should -BeLike '*/virtualMachines/vm0010'
        $r.Before | Should -Be 'VMSnapshot'
        $r.After | Should -BeNullOrEmpty
        $r.Duration | Should -BeOfType ([timespan])
        $r.Detail | Should -Match 'next backup'
        $new = Get-NewRequest $before
        @($new | Where-Object method -EQ 'DELETE').Count | Should -Be 1
        ($new | Where-Object method -EQ 'DELETE').path | Should -BeLike '*/virtualMachines/vm0010/extensions/VMSnapshot'
        $polls = @($new | Where-Object path -Like '*/operations/*')
        $polls.Count | Should -BeGreaterThan 0
        $polls[-1].status | Should -Be 200
    }

    It 'reports AlreadyHealthy (not installed), not an error, when the extension is absent' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceGroupName rg-fleet-1 -VMName vm0010 -Confirm:$false -ErrorVariable errs
        $r.Status | Should -Be 'AlreadyHealthy'
        $r.Changed | Should -BeFalse
        $r.Detail | Should -Match 'not installed; nothing to remove'
        $errs.Count | Should -Be 0
        @(Get-NewRequest $before | Where-Object method -EQ 'DELETE').Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 11) -WhatIf
        $r | Should -BeNullOrEmpty
        Get-RequestCount | Should -Be $before
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $attribute = (Get-Command Uninstall-AzVmSnapshotExtension).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
        $before = Get-RequestCount
        $id = Get-SimVmId $Sim 12
        # A non-interactive host cannot answer the prompt, which proves one is asked; nothing is sent.
        $command = ("`$env:AZBT_STUB_ARM_URL='{0}'; `$env:AZBT_STUB_SUBSCRIPTION='{1}'; `$env:AZBT_STUB_TOKEN='{2}'; " -f $Sim.Url, $Sim.Subscription, $Secret) +
            "Import-Module '$RepoRoot/tests/StubModules/Az.Accounts/Az.Accounts.psd1'; Import-Module '$ModuleManifest'; " +
            "try { Uninstall-AzVmSnapshotExtension -ResourceId '$id' -ErrorAction Stop; 'NO PROMPT' } catch { 'PROMPTED: ' + `$_.Exception.Message }"
        $out = Invoke-ChildPwsh -Command $command
        ($out -join ' ') | Should -Match 'PROMPTED: .*(NonInteractive|prompt)'
        @(Get-NewRequest $before | Where-Object method -EQ 'DELETE').Count | Should -Be 0
    }

    It 'returns at once with -NoWait' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 13) -NoWait -Confirm:$false
        $r.Status | Should -Be 'Started'
        $r.Changed | Should -BeTrue
        $new = Get-NewRequest $before
        @($new | Where-Object method -EQ 'DELETE').Count | Should -Be 1
        @($new | Where-Object path -Like '*/operations/*').Count | Should -Be 0
    }

    It 'picks VMSnapshotLinux for a Linux VM' {
        (Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 14) -Confirm:$false).Before | Should -Be 'VMSnapshotLinux'
    }

    It 'takes the results of Test-AzBackupAgentHealth, once per VM, only where the check says so' {
        $before = Get-RequestCount
        $results = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 5), (Get-SimVmId $Sim 0))
        $r = @($results | Uninstall-AzVmSnapshotExtension -Confirm:$false)
        $r.Count | Should -Be 1
        $r[0].VMName | Should -Be 'vm0005'
        $r[0].Status | Should -Be 'Repaired'
        @(Get-NewRequest $before | Where-Object method -EQ 'DELETE').Count | Should -Be 1
    }

    It 'takes Get-AzVM objects from the pipeline' {
        $vm = [pscustomobject]@{ ResourceGroupName = 'rg-fleet-0'; Name = 'vm0015'; Id = (Get-SimVmId $Sim 15) }
        ($vm | Uninstall-AzVmSnapshotExtension -Confirm:$false).Status | Should -Be 'Repaired'
    }

    It 'starts an on-demand backup with -StartBackup' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 16) -StartBackup -Confirm:$false
        $r.Status | Should -Be 'Repaired'
        $r.BackupStarted | Should -BeTrue
        $post = @(Get-NewRequest $before | Where-Object method -EQ 'POST')
        $post.Count | Should -Be 1
        $post[0].path | Should -BeLike '*/protectedItems/VM;iaasvmcontainerv2;rg-fleet-1;vm0016/backup'
    }

    It 'writes AzureRequestFailed for a missing VM and goes on' {
        $missing = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-fleet-0/providers/Microsoft.Compute/virtualMachines/ghost"
        $r = @($missing, (Get-SimVmId $Sim 17) | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Uninstall-AzVmSnapshotExtension -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AzureRequestFailed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
    }

    It 'keeps the token out of every stream with -Verbose' {
        $all = Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 18) -Confirm:$false -Verbose *>&1
        ($all | Out-String) | Should -Not -Match $Secret
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 2
    }

    It 'declares its output type' {
        (Get-Command Uninstall-AzVmSnapshotExtension).OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
    }
}

Describe 'Uninstall-AzVmSnapshotExtension with results of a subscription scan' {
    BeforeAll {
        # vm0000: healthy Windows VM whose Azure Monitor agent extension failed (its backup extension is healthy);
        # vm0005 and vm0009: the backup extension failed, so Azure.SnapshotExtension asks for its removal.
        $script:Secret2 = 'AZBT-PESTER-SECRET-5c01d7'
        $script:Sim2 = Start-ArmSimulator -VmCount 10 -Token $Secret2 -ExtraArgument '--monitor-failed', '0'
        Use-AzAccountsStub -Simulator $Sim2 -Token $Secret2
    }

    AfterAll {
        Clear-AzAccountsStub
        if ($Sim2) { Stop-ArmSimulator $Sim2 }
        Use-AzAccountsStub -Simulator $Sim -Token $Secret
    }

    It 'removes the extension only from the VMs whose backup-extension check asked for it, never for a failed Azure Monitor extension' {
        # -Detail All: vm0000's backups do not fail, so the default Resource Graph triage would not read its extensions.
        $results = @(Test-AzBackupAgentHealth -SubscriptionId $Sim2.Subscription -Detail All)
        # The Azure Monitor failure is reported (ExtensionNotLoaded, no repair), and it is the only finding on vm0000.
        $monitor = @($results | Where-Object { $_.Target -like '*/vm0000' -and $_.Status -eq 'Failed' })
        $monitor.CheckId | Should -Be 'Azure.ExtensionProvisioning'
        $monitor.Cause | Should -Be 'ExtensionNotLoaded'
        $monitor.RepairAction | Should -Be 'None'
        $monitor.Message | Should -Match 'AzureMonitorWindowsAgent'
        ($results | Where-Object { $_.Target -like '*/vm0000' -and $_.CheckId -eq 'Azure.SnapshotExtension' }).Status | Should -Be 'Passed'

        $before = @(Get-ArmSimulatorRequest $Sim2).Count
        $all = $results | Uninstall-AzVmSnapshotExtension -Confirm:$false -Verbose 4>&1
        $deletes = @(@(Get-ArmSimulatorRequest $Sim2) | Select-Object -Skip $before | Where-Object method -EQ 'DELETE')
        @($deletes | Where-Object path -Like '*/virtualMachines/vm0000/*') | Should -BeNullOrEmpty
        ($deletes.path -replace '^.*/virtualMachines/', '' | Sort-Object) | Should -Be @('vm0005/extensions/VMSnapshot', 'vm0009/extensions/VMSnapshotLinux')
        $removed = @($all | Where-Object { $_ -is [AzBackupTroubleshoot.Core.Repairs.RepairResult] })
        ($removed.VMName | Sort-Object) | Should -Be @('vm0005', 'vm0009')
        $skip = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped */vm0000 Azure.ExtensionProvisioning*' })
        $skip.Count | Should -Be 1
        $skip[0].Message | Should -Match 'has no automatic repair'
    }

    It 'skips a hand-made result that names a VM id but has no typed target, saying why' {
        $id = Get-SimVmId $Sim2 5
        $made = [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new($id, 'Azure.SnapshotExtension', 'ExtensionNotLoaded', 'Failed', 'failed', $null, $null, 'UninstallSnapshotExtension')
        $made.TargetKind | Should -Be 'Unspecified'
        $before = @(Get-ArmSimulatorRequest $Sim2).Count
        $out = $made | Uninstall-AzVmSnapshotExtension -Confirm:$false -Verbose 4>&1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        (@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'Skipped .*/vm0005 Azure.SnapshotExtension: .*no typed target'
        @(Get-ArmSimulatorRequest $Sim2).Count | Should -Be $before
    }
}

Describe 'Uninstall-AzVmSnapshotExtension: hostile input' {
    # A resource id carrying '?', '#', '..' or an encoded slash used to turn the extension DELETE into a request against
    # another resource (…/virtualMachines/vm?api-version=…&x=/extensions/VMSnapshot). Now: no request, one error.
    It 'sends no request for -ResourceId <Name>, writes one InvalidResourceId and the next piped id still works' -ForEach @(
        @{ Name = 'with ?'; Tail = 'vm0019?api-version=2025-04-01&x=' }
        @{ Name = 'with #'; Tail = 'vm0019#x' }
        @{ Name = '..'; Tail = '..' }
        @{ Name = 'with %2F'; Tail = 'vm0019%2F..%2F..' }
        @{ Name = 'with \'; Tail = 'vm0019\..\x' }
    ) {
        $bad = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-fleet-1/providers/Microsoft.Compute/virtualMachines/$Tail"
        $good = Get-SimVmId $Sim 19
        $before = Get-RequestCount
        $r = @($bad, $good | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Uninstall-AzVmSnapshotExtension -NoWait -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $bad
        $r.Count | Should -Be 1
        $r[0].ResourceId | Should -Be $good
        # Every request after the bad id is for the good VM (besides the one read of the subscription's tenant at the
        # start of the run); none names anything else.
        $new = @(Get-NewRequest $before | Where-Object path -NE "/subscriptions/$($Sim.Subscription)")
        $new.Count | Should -BeGreaterThan 0
        $new | ForEach-Object { $_.path | Should -BeLike '*/virtualMachines/vm0019*' }
    }

    It 'stops with InvalidResourceId for -VaultId <Name> before anything is removed' -ForEach @(
        @{ Name = 'with ?'; Vault = 'vault1?x=1' }
        @{ Name = '..'; Vault = '..' }
        @{ Name = 'with %2F'; Vault = 'vault1%2F..' }
    ) {
        $before = Get-RequestCount
        $id = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-vault/providers/Microsoft.RecoveryServices/vaults/$Vault"
        $thrown = $null
        try { Uninstall-AzVmSnapshotExtension -ResourceId (Get-SimVmId $Sim 15) -StartBackup -VaultId $id -Confirm:$false -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $thrown.TargetObject | Should -Be $id
        Get-RequestCount | Should -Be $before
    }

    It 'sends no request for -VMName .. and writes InvalidResourceId naming it' {
        $before = Get-RequestCount
        $r = Uninstall-AzVmSnapshotExtension -ResourceGroupName rg-fleet-1 -VMName '..' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $errs[0].TargetObject | Should -Be 'rg-fleet-1/..'
        Get-RequestCount | Should -Be $before
    }
}
