# Test-AzBackupAgentHealth over subscriptions, management groups and the tenant through Azure Resource Graph (the triage):
# the ARM simulator as a child process on 127.0.0.1 and the Az.Accounts stand-in in tests/StubModules.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Test-AzBackupAgentHealth.Azure.TestSetup.ps1')
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Test-AzBackupAgentHealth (Azure Resource Graph triage)' {
    BeforeAll {
        # A tenant of 60 VMs in 3 subscriptions (SimFleet.TenantFleet: 3 % failing backups, 1 % deallocated, 1 % not
        # protected), all three under one management group; the first subscription's Resource Graph queries are rejected
        # only in the simulator started for the fallback test.
        $script:Subs = 1..3 | ForEach-Object { '{0:x8}-0000-4000-8000-00000000a11f' -f $_ }
        $script:Tenant = Start-ArmSimulator -VmCount 100 -Token $Secret -ExtraArgument '--tenant-subscriptions', '3', '--management-group', 'mg-test'
        Use-AzAccountsStub -Simulator $Tenant -Token $Secret
        $script:Graph = { @(Get-ArmSimulatorRequest $Tenant | Where-Object path -EQ '/providers/Microsoft.ResourceGraph/resources') }
    }

    AfterAll {
        Use-AzAccountsStub -Simulator $Sim -Token $Secret
        if ($Tenant) { Stop-ArmSimulator $Tenant }
    }

    It 'triages subscriptions: every VM once, only failing VMs read in detail' {
        $before = @(Get-ArmSimulatorRequest $Tenant).Count
        $r = @(Test-AzBackupAgentHealth -SubscriptionId $Subs)
        $new = @(Get-ArmSimulatorRequest $Tenant) | Select-Object -Skip $before
        $byVm = $r | Group-Object Target
        $byVm.Count | Should -Be 100
        $detailed = @($byVm | Where-Object Count -EQ $Checks.Count)
        $detailed.Count | Should -Be 3
        @($byVm | Where-Object Count -EQ 2).Count | Should -Be 97
        $detailed | ForEach-Object { ($_.Group | Where-Object CheckId -EQ 'Azure.BackupJob').Status | Should -Be 'Failed' }
        ($byVm | Where-Object Count -EQ 2)[0].Group[0].Evidence | Should -Contain ([AzBackupTroubleshoot.Core.Runners.ResourceGraphTriageScanner]::TriageEvidence)
        # Failed jobs, AzureBackupRG_* groups, unfinished jobs, VMs: one query each; no subscription is listed through
        # Resource Manager but for its locks, and no failing VM's model is read (the VM row has its disks).
        @($new | Where-Object path -EQ '/providers/Microsoft.ResourceGraph/resources').Count | Should -Be 4
        @($new | Where-Object path -Like '*/instanceView').Count | Should -Be 3
        @($new | Where-Object { $_.path -like '*/resourcegroups' -or $_.path -like '*/Microsoft.Compute/restorePointCollections' -or $_.path -like '*/backupJobs' }).Count | Should -Be 0
        @($new | Where-Object path -Match '/virtualMachines/[^/]+$').Count | Should -Be 0
        @($new | Where-Object status -EQ 429).Count | Should -Be 0
    }

    It 'triages a management group and the whole tenant' {
        $before = @(Get-ArmSimulatorRequest $Tenant).Count
        @(Test-AzBackupAgentHealth -ManagementGroup mg-test | Select-Object -ExpandProperty Target -Unique).Count | Should -Be 100
        # A management group batch names no subscription: its groups and unfinished jobs cover every subscription it holds.
        $new = @(Get-ArmSimulatorRequest $Tenant) | Select-Object -Skip $before
        @($new | Where-Object { $_.path -like '*/resourcegroups' -or $_.path -like '*/Microsoft.Compute/restorePointCollections' -or $_.path -like '*/backupJobs' }).Count | Should -Be 0
        @($new | Where-Object path -Like '*/instanceView').Count | Should -Be 3
        @(Test-AzBackupAgentHealth -AllSubscriptions | Select-Object -ExpandProperty Target -Unique).Count | Should -Be 100
    }

    It 'reads every VM as before with -Detail All (subscriptions named by Resource Graph)' {
        $r = @(Test-AzBackupAgentHealth -ManagementGroup '/providers/Microsoft.Management/managementGroups/mg-test' -Detail All -ThrottleLimit 8)
        $r.Count | Should -Be (100 * $Checks.Count)
        @($r | Where-Object { $_.Evidence -contains [AzBackupTroubleshoot.Core.Runners.ResourceGraphTriageScanner]::TriageEvidence }).Count | Should -Be 0
    }

    It 'reports progress by phase' {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule([string[]]@($ModuleManifest, (Join-Path $RepoRoot 'tests/StubModules/Az.Accounts/Az.Accounts.psd1')))
        $ps = [powershell]::Create($iss)
        try {
            $null = $ps.AddCommand('Test-AzBackupAgentHealth').AddParameter('AllSubscriptions').AddParameter('ThrottleLimit', 1)
            $null = $ps.Invoke()
            $statuses = @($ps.Streams.Progress | ForEach-Object StatusDescription)
            $statuses | Where-Object { $_ -like 'Triage (Resource Graph):*' } | Should -Not -BeNullOrEmpty
            $statuses | Where-Object { $_ -like 'Detail: * of 3 VMs read in detail*' } | Should -Not -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
    }

    It 'falls back to the per-VM read, with a warning, where Resource Graph rejects the query' {
        $rejecting = Start-ArmSimulator -VmCount 30 -Token $Secret -ExtraArgument '--tenant-subscriptions', '3', '--graph-reject', $Subs[0]
        try {
            Use-AzAccountsStub -Simulator $rejecting -Token $Secret
            $r = @(Test-AzBackupAgentHealth -SubscriptionId $Subs -WarningVariable warnings -WarningAction SilentlyContinue)
            $r.Count | Should -Be (30 * $Checks.Count)
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Match 'read per VM through Resource Manager'
        }
        finally {
            Use-AzAccountsStub -Simulator $Tenant -Token $Secret
            Stop-ArmSimulator $rejecting
        }
    }

    It 'rejects bad scopes with their error ids' {
        { Test-AzBackupAgentHealth -ManagementGroup 'mg/../x' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidManagementGroup,*'
        $null = Test-AzBackupAgentHealth -SubscriptionId 'not-a-guid' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $null = Test-AzBackupAgentHealth -ManagementGroup 'no-such-group' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ResourceGraphQueryFailed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject | Should -Be 'management group(s) no-such-group'
    }
}
