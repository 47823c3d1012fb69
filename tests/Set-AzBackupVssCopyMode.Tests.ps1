BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Examples = Join-Path $RepoRoot 'examples/windows'
    $script:Sql = Join-Path $Examples 'sql-without-vss-copy.json'
    $script:Healthy = Join-Path $Examples 'healthy.json'
    $script:FullId = 'AzBackupTroubleshoot.Commands.SetAzBackupVssCopyModeCommand'

    # A copy of the SQL capture in which USEVSSCOPYBACKUP is already REG_SZ TRUE.
    $script:SqlOn = Join-Path $TestDrive 'sql-on.json'
    $json = Get-Content -Raw $Sql | ConvertFrom-Json -Depth 20
    ($json.registry | Where-Object key -EQ 'SOFTWARE\Microsoft\BCDRAGENT').values += [pscustomobject]@{ name = 'USEVSSCOPYBACKUP'; kind = 'String'; data = 'TRUE' }
    $json.computerName = 'vm-sql-on'
    $json | ConvertTo-Json -Depth 20 | Set-Content -Path $SqlOn

    # A result as Test-AzBackupAgentHealth -ComputerName makes it: its typed target is that Windows machine.
    function New-VssResult([string] $Target, [string] $CheckId = 'Windows.VssCopyMode', [string] $Repair = 'SetVssCopyMode') {
        $typed = [AzBackupTroubleshoot.Core.Targets.CheckTarget]::For([AzBackupTroubleshoot.Core.Targets.CimTarget]::ForComputer($Target), $Target)
        [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new($typed, $CheckId, 'SnapshotNotTaken', 'Warning', 'SQL Server without copy mode', $null, $null, $Repair, $null)
    }
}

Describe 'Set-AzBackupVssCopyMode' {
    Context 'captures (-Path), on any OS' {
        It 'returns the state without writing when the capture is already as asked' {
            $r = Set-AzBackupVssCopyMode -Enabled $false -Path $Healthy
            $r | Should -BeOfType ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
            $r.Target | Should -Be 'vm-app01'
            $r.Action | Should -Be 'SetVssCopyMode'
            $r.Status | Should -Be 'AlreadyHealthy'
            $r.Changed | Should -BeFalse
            $r.Before | Should -BeNullOrEmpty
            $r.After | Should -BeNullOrEmpty

            $on = Set-AzBackupVssCopyMode -Enabled $true -Path $SqlOn
            $on.Status | Should -Be 'AlreadyHealthy'
            $on.Changed | Should -BeFalse
            $on.Before | Should -Be 'TRUE'
            $on.After | Should -Be 'TRUE'
        }

        It '-WhatIf shows the change and makes none: no output, no error, the file unchanged' {
            $before = Get-FileHash $Sql
            $r = Set-AzBackupVssCopyMode -Enabled $true -Path $Sql -WhatIf -ErrorVariable errs
            $r | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
            (Get-FileHash $Sql).Hash | Should -Be $before.Hash
        }

        It '-WhatIf names the value, its type and the machine' {
            $out = dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; Set-AzBackupVssCopyMode -Enabled `$true -Path '$Sql' -WhatIf" 2>&1 | Out-String
            $out | Should -Match ([regex]::Escape('What if: Performing the operation "Set HKLM\SOFTWARE\Microsoft\BCDRAGENT\USEVSSCOPYBACKUP = TRUE (REG_SZ)" on target "vm-sql01"'))
        }

        It 'a change asked of a capture is CaptureReadOnly (InvalidOperation) for that capture, and the next capture is still done' {
            $r = @(Set-AzBackupVssCopyMode -Enabled $true -Path $Sql, $SqlOn -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "CaptureReadOnly,$FullId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -Be (Resolve-Path $Sql).Path
            $r.Count | Should -Be 1
            $r[0].Target | Should -Be 'vm-sql-on'
        }

        It 'a bad capture names the error id and the field, and the others go on' {
            $bad = Join-Path $TestDrive 'bad.json'
            '{"formatVersion":1,"computerName":"x","capturedUtc":"2025-11-20T09:30:00Z","registry":[{"hive":"HKLM","key":"A","values":[{"name":"R","kind":"DWord","data":"1"}]}]}' | Set-Content $bad
            $missing = Join-Path $TestDrive 'missing.json'
            $r = @(Set-AzBackupVssCopyMode -Enabled $false -Path $bad, $missing, $Healthy -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -Be "CaptureFieldInvalid,$FullId"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].ToString() | Should -Match ([regex]::Escape('registry[0].values[0].data'))
            $errs[1].FullyQualifiedErrorId | Should -Be "CaptureUnreadable,$FullId"
            $errs[1].TargetObject | Should -Be $missing
            $r.Target | Should -Be 'vm-app01'
        }

        It 'resolves relative paths from the current location' {
            Push-Location $Examples
            try { (Set-AzBackupVssCopyMode -Enabled $false -Path ./healthy.json).Target | Should -Be 'vm-app01' }
            finally { Pop-Location }
        }
    }

    Context 'pipeline input' {
        It 'skips results that do not recommend it' {
            $r = New-VssResult 'vm1' -CheckId 'Windows.Dhcp' -Repair 'None' | Set-AzBackupVssCopyMode -Enabled $true -Verbose 4>&1
            @($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'Skipping vm1 Windows.Dhcp'
            @($r | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        }

        It 'skips a result built by hand (a name, no typed target), saying why, and changes nothing' {
            $made = [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new('vm-sql01', 'Windows.VssCopyMode', 'SnapshotNotTaken', 'Warning', 'm', $null, $null, 'SetVssCopyMode')
            $r = $made | Set-AzBackupVssCopyMode -Enabled $true -Verbose 4>&1
            @($r | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
            @($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'Skipping vm-sql01 Windows.VssCopyMode .*no typed target'
        }

        It 'acts on the capture a piped result came from: -WhatIf names the change on that machine' {
            $results = @(Test-AzBackupAgentHealth -Path $Sql -Check Windows.VssCopyMode)
            $results[0].TargetKind | Should -Be 'WindowsCapture'
            $before = Get-FileHash $Sql
            $out = dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; Test-AzBackupAgentHealth -Path '$Sql' -Check Windows.VssCopyMode | Set-AzBackupVssCopyMode -Enabled `$true -WhatIf" 2>&1 | Out-String
            $out | Should -Match ([regex]::Escape('What if: Performing the operation "Set HKLM\SOFTWARE\Microsoft\BCDRAGENT\USEVSSCOPYBACKUP = TRUE (REG_SZ)" on target "vm-sql01"'))
            (Get-FileHash $Sql).Hash | Should -Be $before.Hash
        }

        It 'binds ComputerName by property name' {
            (Get-Command Set-AzBackupVssCopyMode).Parameters['ComputerName'].Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
        }
    }

    Context 'off Windows' -Skip:$IsWindows {
        It 'without -CimSession stops with PlatformNotSupported (NotImplemented) telling what works off Windows' {
            $err = { Set-AzBackupVssCopyMode -Enabled $true } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PlatformNotSupported,$FullId"
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.ToString() | Should -Match 'Invoke-AzVMRunCommand'
        }

        It 'with -ComputerName stops with PlatformNotSupported too' {
            { Set-AzBackupVssCopyMode -Enabled $true -ComputerName vm1 } | Should -Throw -ErrorId "PlatformNotSupported,$FullId"
        }

        It 'for a piped result that recommends it stops with PlatformNotSupported' {
            { New-VssResult 'vm-sql01' | Set-AzBackupVssCopyMode -Enabled $true } | Should -Throw -ErrorId "PlatformNotSupported,$FullId"
        }

        It 'does not load Microsoft.Management.Infrastructure when it runs on a capture or refuses to run' {
            $script = '$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; ' +
                "Import-Module '$ModuleManifest'; " +
                "`$null = Set-AzBackupVssCopyMode -Enabled `$false -Path '$Healthy'; " +
                'try { Set-AzBackupVssCopyMode -Enabled $true } catch { }; ' +
                '@([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -notin $before }) -join ","'
            $new = Invoke-ChildPwsh -Command $script
            $new | Should -Not -Match 'Microsoft.Management.Infrastructure'
            $new | Should -Match 'AzBackupTroubleshoot.Core'
        }
    }

    It 'declares its output type and supports -WhatIf and -Confirm' {
        $cmd = Get-Command Set-AzBackupVssCopyMode
        $cmd.OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        (Get-Command Set-AzBackupVssCopyMode -Syntax) | Should -Match '-CimSession <CimSession\[\]>'
    }

    It 'formats the result as the repair table' {
        $text = Set-AzBackupVssCopyMode -Enabled $false -Path $Healthy | Out-String -Width 200
        $text | Should -Match 'Status\s+Action\s+Target\s+Detail'
        $text | Should -Match 'AlreadyHealthy\s+SetVssCopyMode\s+vm-app01\s+Already disabled: nothing written'
    }

    Context 'the real CIM path' -Tag 'WindowsOnly' {
        BeforeAll {
            $script:IsAdmin = $IsWindows -and ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
        }

        It 'reads the local machine and -WhatIf changes nothing' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            $before = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT' -ErrorAction SilentlyContinue).USEVSSCOPYBACKUP
            $r = Set-AzBackupVssCopyMode -Enabled ($before -ne 'TRUE') -WhatIf
            $r | Should -BeNullOrEmpty
            (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT' -ErrorAction SilentlyContinue).USEVSSCOPYBACKUP | Should -Be $before
        }

        It 'sets and removes the value over a local CimSession, idempotently, and restores it' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            if (-not $IsAdmin) { Set-ItResult -Skipped -Because 'writing HKLM needs an elevated session'; return }
            $before = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT' -ErrorAction SilentlyContinue).USEVSSCOPYBACKUP
            $session = New-CimSession
            try {
                $on = Set-AzBackupVssCopyMode -Enabled $true -CimSession $session -Confirm:$false
                $on.After | Should -Be 'TRUE'
                (Get-Item 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT').GetValueKind('USEVSSCOPYBACKUP') | Should -Be 'String'
                (Set-AzBackupVssCopyMode -Enabled $true -CimSession $session).Changed | Should -BeFalse
                (Set-AzBackupVssCopyMode -Enabled $false -CimSession $session -Confirm:$false).Changed | Should -BeTrue
                (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT').PSObject.Properties.Name | Should -Not -Contain 'USEVSSCOPYBACKUP'
            }
            finally {
                if ($before) { Set-ItemProperty 'HKLM:\SOFTWARE\Microsoft\BCDRAGENT' -Name USEVSSCOPYBACKUP -Value $before -Type String }
                Remove-CimSession $session
            }
        }
    }
}
