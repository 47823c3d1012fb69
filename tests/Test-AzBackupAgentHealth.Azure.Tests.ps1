# Test-AzBackupAgentHealth against Azure Resource Manager: the ARM simulator as a child process on 127.0.0.1 and the
# Az.Accounts stand-in in tests/StubModules (the in-guest parameter sets have their own test file).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-PESTER-SECRET-7d41c0'
    $script:Sim = Start-ArmSimulator -VmCount 20 -Token $Secret
    Use-AzAccountsStub -Simulator $Sim -Token $Secret
    $script:Checks = 'Azure.PowerState', 'Azure.AgentStatus', 'Azure.AgentVersion', 'Azure.SnapshotExtension', 'Azure.ExtensionProvisioning', 'Azure.BackupJob', 'Azure.ResourceGroupLock',
        'Azure.ProvisioningState', 'Azure.ProtectionState', 'Azure.BackupJobInProgress', 'Azure.PolicyDenial', 'Azure.RestorePointLimit', 'Azure.KeyVaultAccess', 'Azure.DiskSize'
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Test-AzBackupAgentHealth (Azure)' {
    It 'checks a VM named by resource group and name' {
        $r = @(Test-AzBackupAgentHealth -ResourceGroupName rg-fleet-0 -VMName vm0003)
        $r.CheckId | Should -Be $Checks
        $r | ForEach-Object { $_ | Should -BeOfType ([AzBackupTroubleshoot.Core.Checks.HealthCheckResult]) }
        $r.Target | Select-Object -Unique | Should -Be (Get-SimVmId $Sim 3)
        $version = $r | Where-Object CheckId -EQ 'Azure.AgentVersion'
        $version.Status | Should -Be 'Failed'
        $version.Cause | Should -Be 'AgentOutOfDate'
        $version.Message | Should -Match '2\.7\.41491\.949'
    }

    It 'checks a VM by resource id and suggests the uninstall for a failed VMSnapshot' {
        $r = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 5))
        $snapshot = $r | Where-Object CheckId -EQ 'Azure.SnapshotExtension'
        $snapshot.Status | Should -Be 'Failed'
        $snapshot.RepairAction | Should -Be 'UninstallSnapshotExtension'
    }

    It 'takes Get-AzVM objects from the pipeline by property name' {
        $vms = 0, 2, 6 | ForEach-Object {
            $id = Get-SimVmId $Sim $_
            [pscustomobject]@{ ResourceGroupName = ($id -split '/')[4]; Name = ($id -split '/')[-1]; Id = $id; Location = 'westus' }
        }
        $r = @($vms | Test-AzBackupAgentHealth)
        $r.Count | Should -Be (3 * $Checks.Count)
        @($r.Target | Select-Object -Unique).Count | Should -Be 3
        ($r | Where-Object { $_.Target -eq (Get-SimVmId $Sim 2) -and $_.CheckId -eq 'Azure.AgentStatus' }).Status | Should -Be 'Failed'
        $deallocated = $r | Where-Object Target -EQ (Get-SimVmId $Sim 6)
        @($deallocated | Where-Object Status -EQ 'Failed').Count | Should -Be 0
        ($deallocated | Where-Object CheckId -EQ 'Azure.PowerState').Status | Should -Be 'NotApplicable'
    }

    It 'uses the Id of a piped object and refuses one that names another VM' {
        $good = [pscustomobject]@{ ResourceGroupName = 'rg-fleet-1'; Name = 'vm0004'; Id = (Get-SimVmId $Sim 4) }
        $bad = [pscustomobject]@{ ResourceGroupName = 'rg-fleet-0'; Name = 'vm0000'; Id = (Get-SimVmId $Sim 3) }
        $r = @($good, $bad | Test-AzBackupAgentHealth -ErrorVariable errs -ErrorAction SilentlyContinue)
        @($r.Target | Select-Object -Unique) | Should -Be (Get-SimVmId $Sim 4)
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
    }

    It 'scans a whole subscription: every VM once, results mapped from the backup jobs' {
        $r = @(Test-AzBackupAgentHealth -SubscriptionId $Sim.Subscription -Detail All -ThrottleLimit 4)
        $r.Count | Should -Be (20 * $Checks.Count)
        @($r.Target | Select-Object -Unique).Count | Should -Be 20
        $job = $r | Where-Object { $_.Target -eq (Get-SimVmId $Sim 7) -and $_.CheckId -eq 'Azure.BackupJob' }
        $job.Status | Should -Be 'Failed'
        $job.Message | Should -Match 'UserErrorGuestAgentStatusUnavailable'
        ($r | Where-Object { $_.Target -eq (Get-SimVmId $Sim 8) -and $_.CheckId -eq 'Azure.BackupJob' }).Status | Should -Be 'NotApplicable'
        # No lock in this fleet: the restore point group passes for protected VMs, does not apply to the unprotected one.
        ($r | Where-Object { $_.Target -eq (Get-SimVmId $Sim 0) -and $_.CheckId -eq 'Azure.ResourceGroupLock' }).Status | Should -Be 'Passed'
        ($r | Where-Object { $_.Target -eq (Get-SimVmId $Sim 8) -and $_.CheckId -eq 'Azure.ResourceGroupLock' }).Status | Should -Be 'NotApplicable'
    }

    It 'fails Azure.ResourceGroupLock when a lock covers the restore point resource group' {
        $locked = Start-ArmSimulator -VmCount 10 -Token $Secret -LockSubscription ReadOnly
        try {
            Use-AzAccountsStub -Simulator $locked -Token $Secret
            $r = @(Test-AzBackupAgentHealth -SubscriptionId $locked.Subscription -Detail All | Where-Object CheckId -EQ 'Azure.ResourceGroupLock')
            $r.Count | Should -Be 10
            $failed = @($r | Where-Object Status -EQ 'Failed')
            $failed.Count | Should -Be 9
            $failed[0].Cause | Should -Be 'ResourceGroupLocked'
            $failed[0].RepairAction | Should -Be 'None'
            $failed[0].Message | Should -Match "ReadOnly lock 'subscription-lock' on the subscription"
            $failed[0].Message | Should -Match 'UserErrorRpCollectionLimitReached'
            $failed[0].Evidence | Should -Contain "lock /subscriptions/$($locked.Subscription)/providers/Microsoft.Authorization/locks/subscription-lock: level ReadOnly, on the subscription (inherited) /subscriptions/$($locked.Subscription), notes: Set by --lock-subscription"
            $failed[0].Remediation | Should -Match 'Remove-AzResourceLock -LockId'
            ($r | Where-Object Target -EQ (Get-SimVmId $locked 8)).Status | Should -Be 'NotApplicable'
            # Once per subscription, not per VM: resource groups and the subscription's locks (which hold the groups' locks).
            @(Get-ArmSimulatorRequest $locked | Where-Object { $_.path -like '*/resourcegroups' -or $_.path -like '*/Microsoft.Authorization/locks' }).Count | Should -Be 2
        }
        finally {
            Use-AzAccountsStub -Simulator $Sim -Token $Secret
            Stop-ArmSimulator $locked
        }
    }

    It 'reads only the given vaults with -VaultId' {
        $vault = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/vault1"
        $before = @(Get-ArmSimulatorRequest $Sim).Count
        $r = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 7) -VaultId $vault)
        ($r | Where-Object CheckId -EQ 'Azure.BackupJob').Status | Should -Be 'Failed'
        $new = @(Get-ArmSimulatorRequest $Sim) | Select-Object -Skip $before
        $new.path | Should -Not -Contain "/subscriptions/$($Sim.Subscription)/providers/Microsoft.RecoveryServices/vaults"
    }

    It 'writes a non-terminating AzureRequestFailed error for a missing VM and goes on' {
        $missing = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-fleet-0/providers/Microsoft.Compute/virtualMachines/ghost"
        $r = @(Test-AzBackupAgentHealth -ResourceId $missing, (Get-SimVmId $Sim 0) -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be $Checks.Count
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AzureRequestFailed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
    }

    It 'rejects a bad -ResourceId with InvalidResourceId and a bad -VaultId as a terminating error' {
        $null = Test-AzBackupAgentHealth -ResourceId 'not-an-id' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 0) -VaultId '/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/s' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidResourceId,*'
    }

    It 'validates -ThrottleLimit' {
        { Test-AzBackupAgentHealth -SubscriptionId $Sim.Subscription -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'accepts the token as a string (Az.Accounts before 5.0)' {
        $env:AZBT_STUB_TOKEN_TYPE = 'String'
        try { @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 1)).Count | Should -Be $Checks.Count }
        finally { $env:AZBT_STUB_TOKEN_TYPE = 'SecureString' }
    }

    It 'asks Az.Accounts for a token for the environment''s ARM audience (as Get-AzAccessToken does by default), in the context''s tenant' {
        $null = Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 1)
        $calls = @(Get-AzStubCall | Where-Object { $_ -like 'Get-AzAccessToken*' })
        $calls[-1] | Should -Be 'Get-AzAccessToken -ResourceUrl https://management.core.windows.net/'
    }

    It 'takes the audience from a custom environment (Azure Stack Hub), not its ResourceManagerUrl' {
        $env:AZBT_STUB_AD_RESOURCE = 'https://management.adfs.azurestack.local/3f1a2b4c-0000-0000-0000-000000000abc'
        try {
            @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 1)).Count | Should -Be $Checks.Count
            @(Get-AzStubCall | Where-Object { $_ -like 'Get-AzAccessToken*' })[-1] | Should -Be "Get-AzAccessToken -ResourceUrl $env:AZBT_STUB_AD_RESOURCE"
        }
        finally { $env:AZBT_STUB_AD_RESOURCE = $null }
    }

    It 'reads the subscription''s tenant once (GET /subscriptions/{id}) and keeps the context''s tenant when it can read it' {
        $before = @(Get-ArmSimulatorRequest $Sim).Count
        $null = Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 1), (Get-SimVmId $Sim 2)
        $new = @(Get-ArmSimulatorRequest $Sim) | Select-Object -Skip $before
        @($new | Where-Object path -EQ "/subscriptions/$($Sim.Subscription)").Count | Should -Be 1
        @($new | Where-Object path -EQ "/subscriptions/$($Sim.Subscription)")[0].sequence | Should -Be (($new.sequence | Measure-Object -Minimum).Minimum)
        @(Get-AzStubCall | Where-Object { $_ -like '*-TenantId*' }).Count | Should -Be 0
    }

    It 'asks Az.Accounts again, on the pipeline thread, when the token is about to expire' {
        $env:AZBT_STUB_TOKEN_SECONDS = '60'
        try {
            $before = @(Get-AzStubCall | Where-Object { $_ -like 'Get-AzAccessToken*' }).Count
            $r = @(Test-AzBackupAgentHealth -SubscriptionId $Sim.Subscription -Detail All -ThrottleLimit 8)
            $r.Count | Should -Be (20 * $Checks.Count)
            # A token that expires within the five-minute margin is replaced before each request.
            (@(Get-AzStubCall | Where-Object { $_ -like 'Get-AzAccessToken*' }).Count - $before) | Should -BeGreaterThan 10
        }
        finally { $env:AZBT_STUB_TOKEN_SECONDS = $null }
    }

    It 'stops with AzContextNotFound when there is no context' {
        $env:AZBT_STUB_NO_CONTEXT = '1'
        try {
            $err = { Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 0) } | Should -Throw -ErrorId 'AzContextNotFound,*' -PassThru
            $err.Exception.Message | Should -Match 'Connect-AzAccount'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-AzAccount -Identity'
        }
        finally { $env:AZBT_STUB_NO_CONTEXT = $null }
    }

    It 'stops with AzContextNotFound when Az.Accounts is not installed' {
        $id = Get-SimVmId $Sim 0
        $out = Invoke-ChildPwsh -Command "Import-Module '$ModuleManifest'; try { Test-AzBackupAgentHealth -ResourceId '$id' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId + '|' + `$_.CategoryInfo.Category }"
        $out | Should -BeLike 'AzContextNotFound,*|ObjectNotFound'
    }

    It 'keeps the token out of every stream, error and transcript, with -Verbose' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $missing = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-fleet-0/providers/Microsoft.Compute/virtualMachines/ghost"
        Start-Transcript -Path $transcript | Out-Null
        try {
            $all = Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 9), $missing -Verbose -ErrorAction Continue *>&1
        }
        finally { Stop-Transcript | Out-Null }
        $text = ($all | ForEach-Object { $_ | Format-List * -Force | Out-String; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } }) -join "`n"
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 3
        @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $text | Should -Not -Match $Secret
        Get-Content -Raw $transcript | Should -Not -Match $Secret
        $text | Should -Match 'instanceView -> 200'
    }

    It 'stops early with Select-Object -First 1: the scan reads no more VMs' {
        # One VM at a time, so the request log shows how far the scan got: a full scan reads all 20 instance views.
        $before = @(Get-ArmSimulatorRequest $Sim).Count
        $first = @(Test-AzBackupAgentHealth -SubscriptionId $Sim.Subscription -ThrottleLimit 1 | Select-Object -First 1)
        $first.Count | Should -Be 1
        # A request already sent when the pipeline stopped may still land: let it (2 s, for a loaded machine), then count.
        Start-Sleep -Milliseconds 2000
        $afterStop = @(Get-ArmSimulatorRequest $Sim).Count
        $views = @(@(Get-ArmSimulatorRequest $Sim) | Select-Object -Skip $before | Where-Object path -Like '*/instanceView')
        $views.Count | Should -BeLessOrEqual 2
        # Nothing goes on in the background after the stop.
        Start-Sleep -Milliseconds 1000
        @(Get-ArmSimulatorRequest $Sim).Count | Should -Be $afterStop
    }

    It 'declares its output type' {
        (Get-Command Test-AzBackupAgentHealth).OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Checks.HealthCheckResult])
    }
}

Describe 'Test-AzBackupAgentHealth (Azure): a subscription in another tenant than the context''s' {
    BeforeAll {
        $script:ContextTenant = '72f988bf-0000-0000-0000-000000000000'
        $script:GuestTenant = '5b3a9e21-4c6d-4f7e-8a90-1b2c3d4e5f60'
        $script:HomeToken = 'AZBT-HOME-TENANT-TOKEN-91c2'
        $script:GuestToken = 'AZBT-GUEST-TENANT-TOKEN-03fe'
        # Resource Manager accepts only the guest tenant's token; the context's token gets 401 InvalidAuthenticationTokenTenant.
        $script:Guest = Start-ArmSimulator -VmCount 3 -Token $GuestToken -ExtraArgument '--tenant', $GuestTenant, '--foreign-token', "$HomeToken=$ContextTenant"
        # Delegated access (Azure Lighthouse): the subscription is in another tenant, and the context's token works there.
        $script:Delegated = Start-ArmSimulator -VmCount 3 -Token $HomeToken -ExtraArgument '--tenant', $GuestTenant
    }

    AfterAll {
        Clear-AzAccountsStub
        Use-AzAccountsStub -Simulator $Sim -Token $Secret
        foreach ($s in $Guest, $Delegated) { if ($s) { Stop-ArmSimulator $s } }
    }

    AfterEach { $env:AZBT_STUB_TENANT_TOKENS = $null }

    It 'asks Az.Accounts for a token in the subscription''s tenant and checks the VMs' {
        Use-AzAccountsStub -Simulator $Guest -Token $HomeToken
        $env:AZBT_STUB_TENANT_TOKENS = "$GuestTenant=$GuestToken"
        $r = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Guest 0), (Get-SimVmId $Guest 1) -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1)
        $results = @($r | Where-Object { $_ -is [AzBackupTroubleshoot.Core.Checks.HealthCheckResult] })
        $errs | Should -BeNullOrEmpty
        $results.Count | Should -Be (2 * $Checks.Count)
        (Get-AzStubCall) | Should -Contain "Get-AzAccessToken -ResourceUrl https://management.core.windows.net/ -TenantId $GuestTenant"
        "$($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match "is in tenant $GuestTenant, not the context's tenant $ContextTenant"
        # Wrong-tenant answers only for the tenant read (the ARM client asks once more after a 401), none after it.
        $requests = @(Get-ArmSimulatorRequest $Guest)
        @($requests | Where-Object status -EQ 401).Count | Should -BeIn 1, 2
        @($requests | Where-Object status -EQ 401).path | Select-Object -Unique | Should -Be "/subscriptions/$($Guest.Subscription)"
        @($requests | Where-Object { $_.path -like '*/virtualMachines/*' -and $_.status -ne 200 }).Count | Should -Be 0
    }

    It 'writes AzTenantMismatch (AuthenticationError) naming the tenant to sign in to when Az.Accounts has no token there' {
        Use-AzAccountsStub -Simulator $Guest -Token $HomeToken
        $r = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Guest 0) -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 0
        $errs.Count | Should -BeGreaterThan 0
        foreach ($e in $errs) {
            $e.FullyQualifiedErrorId | Should -BeLike 'AzTenantMismatch,*'
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$e" | Should -Match $GuestTenant
            $e.ErrorDetails.RecommendedAction | Should -Match "Connect-AzAccount -Tenant $GuestTenant"
            "$e" | Should -Not -Match $HomeToken
        }
    }

    It 'keeps the context''s tenant when the subscription is in another tenant but the context''s token can read it (delegated access)' {
        Use-AzAccountsStub -Simulator $Delegated -Token $HomeToken
        $r = @(Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Delegated 0) -Verbose 4>&1)
        @($r | Where-Object { $_ -is [AzBackupTroubleshoot.Core.Checks.HealthCheckResult] }).Count | Should -Be $Checks.Count
        @(Get-AzStubCall | Where-Object { $_ -like '*-TenantId*' }).Count | Should -Be 0
        "$($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match "is in tenant $GuestTenant; the context's tenant"
    }
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
        @(Test-AzBackupAgentHealth -ManagementGroup mg-test | Select-Object -ExpandProperty Target -Unique).Count | Should -Be 100
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

Describe 'Test-AzBackupAgentHealth (Azure): hostile input' {
    BeforeAll {
        function Get-RequestCount { @(Get-ArmSimulatorRequest $Sim).Count }
    }

    It 'sends no request for -ResourceId <Name>, writes one InvalidResourceId and checks the next piped VM' -ForEach @(
        @{ Name = 'with ?'; Tail = 'vm0002?api-version=2025-04-01&x=' }
        @{ Name = 'with #'; Tail = 'vm0002#x' }
        @{ Name = '..'; Tail = '..' }
        @{ Name = 'with %2F'; Tail = 'vm0002%2F..%2F..' }
        @{ Name = 'with a line break'; Tail = "vm0002`r`nX-Injected: 1" }
    ) {
        $bad = "/subscriptions/$($Sim.Subscription)/resourceGroups/rg-fleet-2/providers/Microsoft.Compute/virtualMachines/$Tail"
        $good = Get-SimVmId $Sim 2
        $before = @(Get-ArmSimulatorRequest $Sim).Count
        $r = @($bad, $good | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Test-AzBackupAgentHealth -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $bad
        $errs[0].Exception.Message | Should -Not -Match "`r|`n"
        ($r.Target | Select-Object -Unique) | Should -Be $good
        @(Get-ArmSimulatorRequest $Sim | Select-Object -Skip $before | Where-Object { $_.path -notlike '*/virtualMachines/vm0002*' -and $_.path -like '*/virtualMachines/*' }).Count | Should -Be 0
    }

    It 'sends no request for -SubscriptionId with a query and writes InvalidResourceId' {
        $before = Get-RequestCount
        $r = @(Test-AzBackupAgentHealth -SubscriptionId "$($Sim.Subscription)?x=1" -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceId,*'
        Get-RequestCount | Should -Be $before
    }

    It 'refuses a token with a line break with InvalidAccessToken, sends nothing and never shows the token' {
        $before = Get-RequestCount
        $bad = "AZBT-CRLF-TOKEN-19b2`r`nX-Injected: 1"
        Use-AzAccountsStub -Simulator $Sim -Token $bad
        try {
            $thrown = $null
            try { Test-AzBackupAgentHealth -ResourceId (Get-SimVmId $Sim 1) -ErrorAction Stop } catch { $thrown = $_ }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidAccessToken,*'
            $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
            ($thrown | Out-String) | Should -Not -Match 'AZBT-CRLF-TOKEN'
            $thrown.Exception.Message | Should -Not -Match 'X-Injected'
        }
        finally { Use-AzAccountsStub -Simulator $Sim -Token $Secret }
        Get-RequestCount | Should -Be $before
    }
}
