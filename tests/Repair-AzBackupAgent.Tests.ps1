BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'LinuxIsolation.ps1')
    $script:Examples = Join-Path $RepoRoot 'examples/linux'
    $script:CanIsolate = Test-Isolation
    function Copy-Example([string] $Name) {
        $target = Join-Path $TestDrive ($Name + '-' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        # cp -a keeps the enable links as links, as on a real disk.
        & cp -a (Join-Path $Examples $Name) $target
        $target
    }
    function Get-TreeHash([string] $Root) {
        # Links are recorded by their target (the examples' enable links point at absolute paths of the guest).
        Get-ChildItem $Root -Recurse -File -Force | Sort-Object FullName | ForEach-Object {
            $content = if ($_.LinkTarget) { 'link ' + $_.LinkTarget } else { (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
            '{0} {1} {2}' -f $_.FullName.Substring($Root.Length), $content, $_.UnixFileMode
        }
    }
    function Get-Json([string] $Text) {
        $line = ($Text -split "`n" | Where-Object { $_ -like 'JSON:*' } | Select-Object -Last 1)
        if (-not $line) { throw "The child printed no JSON line:`n$Text" }
        $line.Substring(5) | ConvertFrom-Json
    }
}

Describe 'Repair-AzBackupAgent' {
    Context 'offline, with -Path' {
        It 'sets Extensions.Enabled=y, keeps the rest of the file, backs it up, and is idempotent' {
            $root = Copy-Example 'extensions-disabled'
            $conf = Join-Path $root 'etc/waagent.conf'
            $before = Get-Content -Raw $conf
            $r = @(Repair-AzBackupAgent -Path $root -EnableExtensions)
            $r.Count | Should -Be 1
            $r[0] | Should -BeOfType ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
            $r[0].Status | Should -Be 'Repaired'
            $r[0].Action | Should -Be 'EnableExtensions'
            $r[0].Target | Should -Be $conf
            Get-Content -Raw $conf | Should -Be ($before -replace 'Extensions.Enabled=n', 'Extensions.Enabled=y')
            Get-Content -Raw $r[0].BackupPath | Should -Be $before
            $r[0].BackupPath | Should -Match 'waagent\.conf\.\d{8}T\d{6}Z\.azbt\.bak$'

            $hash = Get-TreeHash $root
            $again = Repair-AzBackupAgent -Path $root -EnableExtensions
            $again.Status | Should -Be 'AlreadyHealthy'
            Get-TreeHash $root | Should -Be $hash
            (Test-AzBackupAgentHealth -Path $root -Check Linux.ExtensionsEnabled).Status | Should -Be 'Passed'
        }

        It 'repairs piped results it knows, skips the rest with a reason, and never restarts offline' {
            $root = Copy-Example 'agent-stopped'
            $r = @(Test-AzBackupAgentHealth -Path $root | Repair-AzBackupAgent -Path $root)
            ($r | Where-Object Action -EQ 'EnableAutoRestart').Status | Should -Be 'Repaired'
            ($r | Where-Object Action -EQ 'EnableVerboseLogging').Status | Should -Be 'Repaired'
            $restart = $r | Where-Object Action -EQ 'RestartAgent'
            $restart.Status | Should -Be 'Skipped'
            $restart.Detail | Should -Match 'offline root'
            ($r | Where-Object { $_.Status -eq 'Skipped' -and $_.Target -like '*Linux.AgentService' }).Detail | Should -Match 'nothing to repair'
            Get-Content -Raw (Join-Path $root 'etc/systemd/system/waagent.service.d/zz-azbackup-restart.conf') | Should -Match 'Restart=always'
            (Test-AzBackupAgentHealth -Path $root -Check Linux.AgentAutoRestart).Status | Should -Be 'Passed'
        }

        It 'changes nothing with -WhatIf (every file hashed before and after)' {
            $root = Copy-Example 'agent-too-old'
            $hash = Get-TreeHash $root
            $results = Test-AzBackupAgentHealth -Path $root
            $r = @($results | Repair-AzBackupAgent -Path $root -WhatIf)
            Repair-AzBackupAgent -Path $root -EnableAutoUpdate -EnableVerboseLogging -EnableExtensions -EnableAutoRestart -WhatIf
            Get-TreeHash $root | Should -Be $hash
            $r | Where-Object Status -EQ 'Repaired' | Should -BeNullOrEmpty
        }

        It 'skips results that belong to another target' {
            $a = Copy-Example 'extensions-disabled'
            $b = Copy-Example 'healthy'
            $r = @(Test-AzBackupAgentHealth -Path $a -Check Linux.ExtensionsEnabled | Repair-AzBackupAgent -Path $b)
            $r.Status | Should -Be 'Skipped'
            $r.Detail | Should -Match "the result is for '.*extensions-disabled-\w+'"
        }

        It 'writes PathNotFound for a missing root and InvalidRoot for a bundle' {
            Repair-AzBackupAgent -Path (Join-Path $TestDrive 'nope') -EnableExtensions -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,AzBackupTroubleshoot.Commands.RepairAzBackupAgentCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Set-Content (Join-Path $TestDrive 'b.zip') 'x'
            Repair-AzBackupAgent -Path (Join-Path $TestDrive 'b.zip') -EnableExtensions -ErrorVariable errs2 -ErrorAction SilentlyContinue
            $errs2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRoot,*'
            $errs2[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'writes RepairFailed with a Failed result when the file cannot be edited' {
            $root = Copy-Example 'healthy'
            [System.IO.File]::WriteAllBytes((Join-Path $root 'etc/waagent.conf'), [byte[]](0x45, 0x00, 0x3d))
            $r = Repair-AzBackupAgent -Path $root -EnableVerboseLogging -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.Status | Should -Be 'Failed'
            $r.Detail | Should -Match 'was not edited'
        }

        It 'declares RepairResult, supports ShouldProcess and formats as a table' {
            $cmd = Get-Command Repair-AzBackupAgent
            $cmd.OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Repairs.RepairResult])
            $cmd.Parameters.Keys | Should -Contain 'WhatIf'
            $root = Copy-Example 'extensions-disabled'
            $text = Repair-AzBackupAgent -Path $root -EnableExtensions | Out-String -Width 200
            $text | Should -Match 'Repaired\s+EnableExtensions'
        }
    }

    Context 'live, in an isolated mount and network namespace with stand-in commands on PATH' {
        BeforeAll {
            $script:Units = Join-Path $TestDrive 'units'
            $null = New-Item -ItemType Directory -Path $Units
            Set-Content -Path (Join-Path $Units 'walinuxagent.service') -Value "[Service]`nExecStart=/usr/bin/python3 -u /usr/sbin/waagent -daemon`nRestart=always`n"
        }

        It 'restarts the agent with systemctl from PATH' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $log = New-StandIns -Folder (Join-Path $TestDrive 'bin1')
            $child = Invoke-Isolated -UnitFolder $Units -StandIns (Split-Path $log) -Script "`$r = Repair-AzBackupAgent -Restart; 'JSON:' + (@{ Status = `"`$(`$r.Status)`"; Detail = `$r.Detail } | ConvertTo-Json -Compress)"
            $out = Get-Json $child.Output
            $out.Status | Should -Be 'Repaired'
            Get-Content $log | Should -Be @('systemctl restart walinuxagent.service')
        }

        It 'updates through the distribution''s package manager, then restarts' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $log = New-StandIns -Folder (Join-Path $TestDrive 'bin2')
            $child = Invoke-Isolated -UnitFolder $Units -StandIns (Split-Path $log) -Script "`$r = Repair-AzBackupAgent -Update; 'JSON:' + (@{ Status = `"`$(`$r.Status)`"; Detail = `$r.Detail } | ConvertTo-Json -Compress)"
            $out = Get-Json $child.Output
            $out.Status | Should -Be 'Repaired'
            $calls = @(Get-Content $log)
            $calls[0] | Should -BeIn @('apt-get update')
            $calls[1] | Should -Match '^apt-get install --only-upgrade -y -o Dpkg::Options::=--force-confold (walinuxagent|waagent)$'
            $calls[2] | Should -Be 'systemctl restart walinuxagent.service'
        }

        It 'changes nothing live with -WhatIf' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $log = New-StandIns -Folder (Join-Path $TestDrive 'bin3')
            $child = Invoke-Isolated -UnitFolder $Units -StandIns (Split-Path $log) -Script "`$r = @(Repair-AzBackupAgent -Restart -Update -EnableAutoRestart -WhatIf); 'JSON:' + (@{ Count = `$r.Count } | ConvertTo-Json -Compress)"
            (Get-Json $child.Output).Count | Should -Be 1   # EnableAutoRestart: AlreadyHealthy (Restart=always), decided without a change
            Test-Path $log | Should -BeFalse
            $child.Output | Should -Match 'What if: Performing the operation "Restart the agent \(systemctl restart walinuxagent.service\)"'
        }

        It 'writes ElevationRequired (PermissionDenied) when not root, and runs nothing' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $log = New-StandIns -Folder (Join-Path $TestDrive 'bin4')
            $child = Invoke-Isolated -NonRoot -UnitFolder $Units -StandIns (Split-Path $log) -Script @'
$r = Repair-AzBackupAgent -Restart -ErrorVariable errs -ErrorAction SilentlyContinue
'JSON:' + (@{ Results = @($r).Count; Id = $errs[0].FullyQualifiedErrorId; Category = "$($errs[0].CategoryInfo.Category)"; Target = $errs[0].TargetObject } | ConvertTo-Json -Compress)
'@
            $out = Get-Json $child.Output
            $out.Results | Should -Be 0
            $out.Id | Should -Be 'ElevationRequired,AzBackupTroubleshoot.Commands.RepairAzBackupAgentCommand'
            $out.Category | Should -Be 'PermissionDenied'
            $out.Target | Should -Be 'walinuxagent'
            Test-Path $log | Should -BeFalse
        }
    }
}

Describe 'Repair-AzBackupAgent on Windows (CIM)' {
    BeforeAll {
        $script:RepairId = 'AzBackupTroubleshoot.Commands.RepairAzBackupAgentCommand'
        $script:WinExamples = Join-Path $RepoRoot 'examples/windows'
    }

    It 'has the Windows parameters, documented' {
        $p = (Get-Command Repair-AzBackupAgent).Parameters
        foreach ($name in 'CimSession', 'ComputerName', 'StartService', 'Reinstall', 'InstallerPath') { $p.Keys | Should -Contain $name }
        (Get-Command Repair-AzBackupAgent -Syntax) | Should -Match '-CimSession <CimSession\[\]>'
    }

    Context 'off Windows' -Skip:$IsWindows {
        It '-ComputerName stops with PlatformNotSupported (NotImplemented) telling what works off Windows' {
            $err = { Repair-AzBackupAgent -ComputerName vm1 -Restart } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PlatformNotSupported,$RepairId"
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.ToString() | Should -Match 'Invoke-AzVMRunCommand'
        }

        It 'piped Windows results with -ComputerName stop with PlatformNotSupported before any change' {
            $results = Test-AzBackupAgentHealth -Path (Join-Path $WinExamples 'agent-stopped.json')
            { $results | Repair-AzBackupAgent -ComputerName vm-agent-stopped -WhatIf } | Should -Throw -ErrorId "PlatformNotSupported,$RepairId"
        }
    }

    Context 'the real CIM path' -Tag 'WindowsOnly' {
        It 'on a healthy machine, -WhatIf reports the services as already healthy and changes nothing' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            $before = Get-Service VSS, COMSysApp | Select-Object Name, Status, StartType
            $r = @(Repair-AzBackupAgent -StartService -WhatIf)
            $r.Action | Should -Not -BeNullOrEmpty
            Get-Service VSS, COMSysApp | Select-Object Name, Status, StartType | Should -Be $before
        }

        It 'skips piped results it cannot repair, saying which cmdlet does' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            $r = @(Test-AzBackupAgentHealth -Path (Join-Path $WinExamples 'sql-without-vss-copy.json') -Check Windows.VssCopyMode | Repair-AzBackupAgent -ComputerName vm-sql01 -WhatIf)
            $r[0].Status | Should -Be 'Skipped'
            $r[0].Detail | Should -Match 'Set-AzBackupVssCopyMode'
        }
    }
}
