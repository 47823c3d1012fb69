BeforeDiscovery {
    $script:Failing = @(
        @{ Example = 'agent-stopped'; Failed = @('Linux.AgentAutoRestart', 'Linux.AgentProcess'); Cause = 'AgentNotResponsive' }
        @{ Example = 'agent-too-old'; Failed = @('Linux.AgentVersion', 'Linux.AutoUpdate'); Cause = 'AgentOutOfDate' }
        @{ Example = 'extensions-disabled'; Failed = @('Linux.ExtensionsEnabled'); Cause = 'AgentMisconfigured' }
        @{ Example = 'extension-failing'; Failed = @('Linux.SnapshotExtensionStatus'); Cause = 'NoNetworkAccess' }
        @{ Example = 'no-dhcp-245'; Failed = @('Linux.DhcpWireServer', 'Linux.StaticNetwork'); Cause = 'SnapshotNotTaken' }
        # Issue 13: copies of the healthy example with one condition each; they fail (or warn) their own check and nothing else.
        @{ Example = 'disk-full'; Failed = @('Linux.FilesystemSpace'); Warned = @(); Cause = 'SnapshotNotTaken' }
        @{ Example = 'waagent-noexec'; Failed = @('Linux.AgentFolderExec'); Warned = @(); Cause = 'ExtensionNotLoaded' }
        @{ Example = 'fstab-not-mounted'; Failed = @('Linux.FreezableMounts'); Warned = @(); Cause = 'SnapshotNotTaken' }
        @{ Example = 'duplicate-mount'; Failed = @('Linux.FreezableMounts'); Warned = @(); Cause = 'SnapshotNotTaken' }
        @{ Example = 'python-unsupported'; Failed = @('Linux.ExtensionPython'); Warned = @(); Cause = 'ExtensionNotLoaded' }
        @{ Example = 'ubuntu2404-old-extension'; Failed = @('Linux.ExtensionPython'); Warned = @(); Cause = 'ExtensionNotLoaded' }
        @{ Example = 'agent-not-packaged'; Failed = @('Linux.AgentPackage'); Warned = @(); Cause = 'AgentOutOfDate' }
        # A bundle's record (format 3) of Save-AzBackupAgentLog -RunAgentPython where the agent's python failed the import.
        @{ Example = 'agent-python-broken'; Failed = @('Linux.AgentPythonImport'); Warned = @(); Cause = 'AgentNotResponsive' }
        # Enforcing SELinux and a lagging goal-state agent are signs, not proof: Warning, never Failed.
        @{ Example = 'selinux-enforcing'; Failed = @(); Warned = @('Linux.Selinux'); Cause = 'ExtensionNotLoaded' }
        @{ Example = 'agent-not-updating'; Failed = @(); Warned = @('Linux.GoalStateAgent'); Cause = 'AgentOutOfDate' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'LinuxIsolation.ps1')
    $script:Examples = Join-Path $RepoRoot 'examples/linux'
    $script:CanIsolate = Test-Isolation
    function Get-Json([string] $Text) {
        $line = ($Text -split "`n" | Where-Object { $_ -like 'JSON:*' } | Select-Object -Last 1)
        if (-not $line) { throw "The child printed no JSON line:`n$Text" }
        $line.Substring(5) | ConvertFrom-Json
    }
}

Describe 'Test-AzBackupAgentHealth' {
    Context 'example <Example>' -ForEach $Failing {
        It 'fails exactly the expected checks, with the cause <Cause>' {
            $r = @(Test-AzBackupAgentHealth -Path (Join-Path $Examples $Example))
            @($r | Where-Object Status -EQ Failed | ForEach-Object CheckId | Sort-Object) | Should -Be ($Failed | Sort-Object)
            $r | Where-Object Status -EQ Failed | ForEach-Object { $_.Cause | Should -Be $Cause; $_.Evidence.Count | Should -BeGreaterThan 0 }
            $r | Where-Object Status -EQ Error | Should -BeNullOrEmpty
            if ($null -ne $Warned) {
                @($r | Where-Object Status -EQ Warning | ForEach-Object CheckId | Sort-Object) | Should -Be ($Warned | Sort-Object)
                $r | Where-Object Status -EQ Warning | ForEach-Object { $_.Cause | Should -Be $Cause; $_.Remediation | Should -Not -BeNullOrEmpty }
            }
        }
    }

    It 'finds nothing failed on the healthy example, and targets the path' {
        $path = Join-Path $Examples 'healthy'
        $r = @(Test-AzBackupAgentHealth -Path $path)
        $r | Where-Object { $_.Status -in 'Failed', 'Error' } | Should -BeNullOrEmpty
        $r.Count | Should -BeGreaterOrEqual 22
        $r | ForEach-Object { $_.Target | Should -Be $path }
        $r[0] | Should -BeOfType ([AzBackupTroubleshoot.Core.Checks.HealthCheckResult])
        (Get-Command Test-AzBackupAgentHealth).OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Checks.HealthCheckResult])
    }

    It 'filters by -Check (with wildcards) and -Cause' {
        $path = Join-Path $Examples 'agent-too-old'
        @(Test-AzBackupAgentHealth -Path $path -Check Linux.AgentVersion).CheckId | Should -Be 'Linux.AgentVersion'
        @(Test-AzBackupAgentHealth -Path $path -Check 'host.*').CheckId | Should -Be @('Host.AzurePlatform', 'Host.CpuPressure', 'Host.MemoryPressure')
        @(Test-AzBackupAgentHealth -Path $path -Cause AgentOutOfDate).CheckId | Should -Be @('Linux.AgentVersion', 'Linux.AutoUpdate', 'Linux.AgentPackage', 'Linux.GoalStateAgent')
    }

    It 'writes UnknownCheckId (InvalidArgument) for a -Check that matches nothing' {
        $r = Test-AzBackupAgentHealth -Path (Join-Path $Examples 'healthy') -Check Linux.NoSuchCheck, Linux.Proxy -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).CheckId | Should -Be 'Linux.Proxy'
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnknownCheckId,AzBackupTroubleshoot.Commands.TestAzBackupAgentHealthCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'Linux.NoSuchCheck'
    }

    It 'writes PathNotFound and InvalidRoot and goes on with the next piped path' {
        Set-Content -Path (Join-Path $TestDrive 'not-a.zip') -Value 'plain text'
        $inputs = (Join-Path $TestDrive 'missing'), (Join-Path $TestDrive 'not-a.zip'), (Join-Path $Examples 'healthy')
        $r = @($inputs | Test-AzBackupAgentHealth -Check Linux.AgentService -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 1
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'InvalidRoot,*'
        $errs[1].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'takes folders from Get-ChildItem by FullName' {
        $r = @(Get-ChildItem $Examples -Directory | Test-AzBackupAgentHealth -Check Linux.ExtensionsEnabled)
        $r.Count | Should -Be @(Get-ChildItem $Examples -Directory).Count
        $r.Count | Should -BeGreaterOrEqual 15
        ($r | Where-Object Status -EQ Failed).Target | Should -BeLike '*extensions-disabled'
    }

    It 'stops early with Select-Object -First 1: the checks after the first do not run' {
        $path = Join-Path $Examples 'healthy'
        $all = @(Test-AzBackupAgentHealth -Path $path -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Checking *' })
        $all.Count | Should -Be 30
        $seen = [System.Collections.Generic.List[string]]::new()
        $first = @(Test-AzBackupAgentHealth -Path $path -Verbose 4>&1 |
                ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { if ($_.Message -like 'Checking *') { $seen.Add($_.Message) } } else { $_ } } |
                Select-Object -First 1)
        $first.CheckId | Should -Be 'Linux.AgentService'
        $seen | Should -Be @("Checking Linux.AgentService on $path.")
    }

    It 'says what it reads with -Verbose' {
        $v = Test-AzBackupAgentHealth -Path (Join-Path $Examples 'healthy') -Check Linux.Proxy -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($v | Out-String) | Should -Match 'Reading the Linux facts from .*healthy'
    }

    It 'formats results as a table grouped by target' {
        $text = Test-AzBackupAgentHealth -Path (Join-Path $Examples 'extension-failing') | Out-String -Width 200
        $text | Should -Match 'Target: .*extension-failing'
        $text | Should -Match 'Failed\s+Linux.SnapshotExtensionStatus\s+NoNetworkAccess'
    }

    Context 'live, on this machine (not an Azure VM)' {
        It 'completes, names the host as target and marks the Azure-only checks NotApplicable' {
            if (Test-Path /sys/class/dmi/id/chassis_asset_tag) {
                if ((Get-Content /sys/class/dmi/id/chassis_asset_tag).Trim() -eq '7783-7084-3265-9085-8269-3286-77') { Set-ItResult -Skipped -Because 'this machine is an Azure VM' }
            }
            $r = @(Test-AzBackupAgentHealth)
            $r | ForEach-Object { $_.Target | Should -Be ([Environment]::MachineName) }
            $r | Where-Object Status -EQ Error | Should -BeNullOrEmpty
            foreach ($id in 'Linux.DhcpWireServer', 'Linux.StaticNetwork', 'Network.WireServer', 'Network.WireServerHttp', 'Network.Imds', 'Network.Storage') {
                $one = $r | Where-Object CheckId -EQ $id
                $one.Status | Should -Be 'NotApplicable'
                $one.Message | Should -Match 'not an Azure VM'
            }
        }

        It 'tries to send no packet beyond loopback (counters of an isolated network namespace)' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $child = Invoke-Isolated -Script @'
function Get-Snmp { $t = Get-Content /proc/net/snmp; $h = @{}; for ($i = 0; $i -lt $t.Count; $i += 2) { $k = $t[$i] -split '\s+'; $v = $t[$i + 1] -split '\s+'; for ($j = 1; $j -lt $k.Count; $j++) { $h[$k[0] + $k[$j]] = [long]$v[$j] } }; $h }
$before = Get-Snmp
$r = @(Test-AzBackupAgentHealth -StorageEndpoint 127.0.0.1:9)
$after = Get-Snmp
'JSON:' + (@{ Count = $r.Count; NoRoutes = $after['Ip:OutNoRoutes'] - $before['Ip:OutNoRoutes']; Opens = $after['Tcp:ActiveOpens'] - $before['Tcp:ActiveOpens']; Udp = $after['Udp:OutDatagrams'] - $before['Udp:OutDatagrams']; Net = @($r | Where-Object CheckId -Like 'Network.*' | ForEach-Object { "$($_.Status)" }) } | ConvertTo-Json -Compress)
'@
            $out = Get-Json $child.Output
            $out.Count | Should -BeGreaterOrEqual 22
            $out.NoRoutes | Should -Be 0
            $out.Opens | Should -Be 0
            $out.Udp | Should -Be 0
            $out.Net | Should -Be @('NotApplicable', 'NotApplicable', 'NotApplicable', 'NotApplicable')
        }

        It 'with -Force probes in parallel within -TimeoutSec: open and blocked loopback endpoints, unreachable Azure addresses' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            $child = Invoke-Isolated -Script @'
$open = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $open.Start()
$blocked = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp'); $blocked.Bind([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0)); $blocked.Listen(0)
$fill = @(); for ($i = 0; $i -lt 64; $i++) { $c = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp'); if (-not $c.ConnectAsync([System.Net.IPAddress]::Loopback, $blocked.LocalEndPoint.Port).Wait(300)) { break }; $fill += $c }
function Get-Snmp { $t = Get-Content /proc/net/snmp; $h = @{}; for ($i = 0; $i -lt $t.Count; $i += 2) { $k = $t[$i] -split '\s+'; $v = $t[$i + 1] -split '\s+'; for ($j = 1; $j -lt $k.Count; $j++) { $h[$k[0] + $k[$j]] = [long]$v[$j] } }; $h }
$before = Get-Snmp
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$r = @(Test-AzBackupAgentHealth -Force -TimeoutSec 2 -Check Network.* -StorageEndpoint "127.0.0.1:$($open.LocalEndpoint.Port)", "127.0.0.1:$($blocked.LocalEndPoint.Port)" -Verbose 4>&1)
$sw.Stop()
$noRoutes = (Get-Snmp)['Ip:OutNoRoutes'] - $before['Ip:OutNoRoutes']
$results = $r | Where-Object { $_ -is [AzBackupTroubleshoot.Core.Checks.HealthCheckResult] }
$probeMs = [double](($r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'probes took (\d+) ms' } | ForEach-Object { $Matches[1] }) | Select-Object -First 1)
'JSON:' + (@{ Statuses = @($results | ForEach-Object { '{0}={1}' -f $_.CheckId, $_.Status }); Storage = @($results | Where-Object CheckId -EQ 'Network.Storage' | ForEach-Object Message); ProbeMs = $probeMs; TotalMs = $sw.Elapsed.TotalMilliseconds; NoRoutes = $noRoutes } | ConvertTo-Json -Compress)
'@
            $out = Get-Json $child.Output
            # WireServer: the required 80 and 32526 fail (no route in the namespace); 443 is informational evidence only.
            $out.Statuses | Should -Be @('Network.WireServer=Failed', 'Network.WireServer=Failed', 'Network.WireServerHttp=Failed', 'Network.Imds=Failed', 'Network.Storage=Passed', 'Network.Storage=Failed')
            $out.Storage[1] | Should -Match 'no answer within 2 s'
            # The Azure addresses have no route in the namespace: the attempts show in the counter the run above kept at 0.
            $out.NoRoutes | Should -BeGreaterThan 0
        }

        It 'passes Network.WireServer against a loopback WireServer that listens on 80 and 32526 only' {
            if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
            # In the child's own network and mount namespaces: listeners on the real ports 80 and 32526 of its private
            # loopback, nothing on 443, and a tmpfs /var/lib whose waagent/WireServerEndpoint names 127.0.0.1 (the host's
            # /var/lib is untouched).
            $child = Invoke-Isolated -Script @'
& mount -t tmpfs tmpfs /var/lib
$null = New-Item -ItemType Directory -Path /var/lib/waagent
Set-Content -Path /var/lib/waagent/WireServerEndpoint -Value '127.0.0.1' -NoNewline
$listeners = foreach ($port in 80, 32526) { $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port); $l.Start(); $l }
$r = @(Test-AzBackupAgentHealth -Force -TimeoutSec 2 -Check Network.WireServer)
'JSON:' + (@{ Statuses = @($r | ForEach-Object { '{0}={1}' -f $_.CheckId, $_.Status }); Messages = @($r.Message); Evidence = @($r | ForEach-Object { $_.Evidence }) } | ConvertTo-Json -Compress)
'@
            $out = Get-Json $child.Output
            $out.Statuses | Should -Be @('Network.WireServer=Passed', 'Network.WireServer=Passed')
            $out.Messages | Should -Be @('127.0.0.1:80 answers.', '127.0.0.1:32526 answers.')
            @($out.Evidence | Where-Object { $_ -like 'informational, not required*127.0.0.1:443*' }).Count | Should -Be 1
        }
    }
}

BeforeDiscovery {
    # One capture per failure the Windows checks find, each failing only its own check (examples/windows).
    $WinFailures = @(
        @{ Name = 'agent-stopped'; CheckId = 'Windows.GuestAgentService'; Status = 'Failed'; Cause = 'AgentNotResponsive' }
        @{ Name = 'agent-too-old'; CheckId = 'Windows.AgentVersion'; Status = 'Failed'; Cause = 'AgentOutOfDate' }
        @{ Name = 'no-dotnet45'; CheckId = 'Windows.DotNet45'; Status = 'Failed'; Cause = 'AgentNotResponsive' }
        @{ Name = 'iaasvmprovider-manual'; CheckId = 'Windows.IaaSVmProvider'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
        @{ Name = 'sql-without-vss-copy'; CheckId = 'Windows.VssCopyMode'; Status = 'Warning'; Cause = 'SnapshotNotTaken' }
        @{ Name = 'dhcp-off'; CheckId = 'Windows.Dhcp'; Status = 'Failed'; Cause = 'SnapshotNotTaken' }
        @{ Name = 'extension-crashes'; CheckId = 'Windows.ExtensionCrashes'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
        @{ Name = 'msdtc-wrong-account'; CheckId = 'Windows.Msdtc'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
        @{ Name = 'vss-writer-failed'; CheckId = 'Windows.VssWriters'; Status = 'Failed'; Cause = 'SnapshotNotTaken' }
        @{ Name = 'low-disk-space'; CheckId = 'Windows.DiskSpace'; Status = 'Failed'; Cause = 'SnapshotNotTaken' }
        @{ Name = 'agent-crashing'; CheckId = 'Windows.AgentCrashes'; Status = 'Failed'; Cause = 'AgentNotResponsive' }
        @{ Name = 'reboot-pending'; CheckId = 'Windows.PendingReboot'; Status = 'Warning'; Cause = 'VmStateNotSupported' }
        @{ Name = 'winhttp-proxy'; CheckId = 'Windows.WinHttpProxy'; Status = 'Warning'; Cause = 'NoNetworkAccess' }
        @{ Name = 'tls-weak'; CheckId = 'Windows.StrongCrypto'; Status = 'Warning'; Cause = 'NoNetworkAccess' }
        @{ Name = 'installer-disabled'; CheckId = 'Windows.InstallerService'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
        @{ Name = 'bitlocker-locked'; CheckId = 'Windows.BitLocker'; Status = 'Warning'; Cause = 'SnapshotNotTaken' }
        @{ Name = 'machinekeys-permissions'; CheckId = 'Windows.FolderPermissions'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
        @{ Name = 'packages-permissions'; CheckId = 'Windows.FolderPermissions'; Status = 'Failed'; Cause = 'ExtensionNotLoaded' }
    )
}

Describe 'Test-AzBackupAgentHealth on Windows (captures and CIM)' {
    BeforeAll {
        $script:WinExamples = Join-Path $RepoRoot 'examples/windows'
        $script:TestId = 'AzBackupTroubleshoot.Commands.TestAzBackupAgentHealthCommand'
        function Get-Problem($Results) { @($Results | Where-Object Status -In 'Failed', 'Warning', 'Error') }
    }

    It 'capture <Name>: <Status> <CheckId> (<Cause>) and nothing else' -ForEach $WinFailures {
        $problems = Get-Problem (Test-AzBackupAgentHealth -Path (Join-Path $WinExamples "$Name.json"))
        $problems.Count | Should -Be 1
        $problems[0].CheckId | Should -Be $CheckId
        $problems[0].Status | Should -Be $Status
        $problems[0].Cause | Should -Be $Cause
        $problems[0].Evidence | Should -Not -BeNullOrEmpty
        $problems[0].Remediation | Should -Not -BeNullOrEmpty
    }

    It 'has a row for every failure capture in examples/windows' -ForEach @(@{ Table = $WinFailures }) {
        $names = @(Get-ChildItem -Path $WinExamples -Filter *.json | ForEach-Object BaseName | Where-Object { $_ -ne 'healthy' } | Sort-Object)
        $names | Should -Be @($Table.Name | Sort-Object)
    }

    It 'finds nothing wrong in the healthy capture, targets its computer name and does not probe' {
        $r = @(Test-AzBackupAgentHealth -Path (Join-Path $WinExamples 'healthy.json'))
        Get-Problem $r | Should -BeNullOrEmpty
        ($r.Target | Sort-Object -Unique) | Should -Be 'vm-app01'
        @($r | Where-Object CheckId -Like 'Network.*').Status | Should -Be @('NotApplicable', 'NotApplicable', 'NotApplicable', 'NotApplicable')
        $r.CheckId | Should -Contain 'Windows.SnapshotExtension'
        $r.CheckId | Should -Not -Contain 'Linux.AgentService'
    }

    It 'reads a format 1 capture: the checks format 2 added say it was captured by an older version' {
        $json = Get-Content -Raw (Join-Path $WinExamples 'healthy.json') | ConvertFrom-Json -AsHashtable
        $json.formatVersion = 1
        $json.Remove('commands')
        $json.Remove('folderSecurity')
        $v1 = Join-Path $TestDrive 'v1.json'
        $json | ConvertTo-Json -Depth 20 | Set-Content $v1
        $r = @(Test-AzBackupAgentHealth -Path $v1)
        Get-Problem $r | Should -BeNullOrEmpty
        $new = @($r | Where-Object CheckId -In 'Windows.VssWriters', 'Windows.DiskSpace', 'Windows.AgentCrashes', 'Windows.PendingReboot', 'Windows.WinHttpProxy', 'Windows.StrongCrypto', 'Windows.InstallerService', 'Windows.BitLocker')
        $new.Count | Should -Be 8
        $new.Status | Sort-Object -Unique | Should -Be 'NotApplicable'
        $new.Message | ForEach-Object { $_ | Should -Match 'older version of this module \(capture format 1\)' }
    }

    It 'reads a format 2 capture: Windows.FolderPermissions says it was captured by an older version' {
        $json = Get-Content -Raw (Join-Path $WinExamples 'healthy.json') | ConvertFrom-Json -AsHashtable
        $json.formatVersion = 2
        $json.Remove('folderSecurity')
        $v2 = Join-Path $TestDrive 'v2.json'
        $json | ConvertTo-Json -Depth 20 | Set-Content $v2
        $r = @(Test-AzBackupAgentHealth -Path $v2)
        Get-Problem $r | Should -BeNullOrEmpty
        $folders = @($r | Where-Object CheckId -EQ 'Windows.FolderPermissions')
        $folders.Status | Should -Be 'NotApplicable'
        $folders.Message | Should -Match 'older version of this module \(capture format 2\)'
    }

    It 'reports a folderSecurity section that is not an object as an Error naming it; the other checks still run' {
        $json = Get-Content -Raw (Join-Path $WinExamples 'healthy.json') | ConvertFrom-Json -AsHashtable
        $json.folderSecurity = @('C:\Packages')
        $bad = Join-Path $TestDrive 'bad-folders.json'
        $json | ConvertTo-Json -Depth 20 | Set-Content $bad
        $r = @(Test-AzBackupAgentHealth -Path $bad)
        $problems = Get-Problem $r
        $problems.Count | Should -Be 1
        $problems[0].CheckId | Should -Be 'Windows.FolderPermissions'
        $problems[0].Status | Should -Be 'Error'
        $problems[0].Message | Should -Match 'folderSecurity must be an object'
        $problems[0].Message | Should -Match ([regex]::Escape('bad-folders.json'))
        @($r | Where-Object Status -EQ 'Passed').Count | Should -BeGreaterThan 20
    }

    It 'filters the Windows checks by -Check (wildcards) and -Cause' {
        $path = Join-Path $WinExamples 'agent-too-old.json'
        @(Test-AzBackupAgentHealth -Path $path -Check 'windows.*service').CheckId | Should -Be @('Windows.GuestAgentService', 'Windows.RdAgentService', 'Windows.VssService', 'Windows.InstallerService')
        @(Test-AzBackupAgentHealth -Path $path -Cause AgentOutOfDate).CheckId | Should -Be 'Windows.AgentVersion'
    }

    It 'takes capture paths from the pipeline; a bad capture writes its error id naming the field and the rest go on' {
        $bad = Join-Path $TestDrive 'bad.json'
        '{"formatVersion":1,"computerName":"x","capturedUtc":"2025-11-20T09:30:00Z","files":[{"path":"C:\\Packages","type":"Folder"}]}' | Set-Content $bad
        $old = Join-Path $TestDrive 'v4.json'
        '{"formatVersion":4,"computerName":"x","capturedUtc":"2025-11-20T09:30:00Z"}' | Set-Content $old
        $r = @(Get-Item $bad, $old, (Join-Path $WinExamples 'dhcp-off.json') | Test-AzBackupAgentHealth -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be "CaptureFieldInvalid,$TestId"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be $bad
        $errs[0].ToString() | Should -Match ([regex]::Escape('files[0].type'))
        $errs[1].FullyQualifiedErrorId | Should -Be "CaptureUnsupportedVersion,$TestId"
        ($r.Target | Sort-Object -Unique) | Should -Be 'vm-static-ip'
    }

    It 'measures the crash window from the capture time, not from today' {
        (Test-AzBackupAgentHealth -Path (Join-Path $WinExamples 'extension-crashes.json') -Check Windows.ExtensionCrashes).Message |
            Should -Match '3 time\(s\) since 2025-11-13 09:30 UTC'
    }

    It 'pipes the SQL warning to Set-AzBackupVssCopyMode, which acts only on it: -WhatIf names that one change on that machine' {
        # The results carry their capture as typed target, so this runs on any OS and changes nothing (a capture is read-only).
        $sql = Join-Path $WinExamples 'sql-without-vss-copy.json'
        $before = Get-FileHash $sql
        $out = dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; Test-AzBackupAgentHealth -Path '$sql' | Set-AzBackupVssCopyMode -Enabled `$true -WhatIf -Verbose" 2>&1 | Out-String
        $whatIf = @([regex]::Matches($out, 'What if: .*') | ForEach-Object Value)
        $whatIf.Count | Should -Be 1
        $whatIf[0] | Should -Match ([regex]::Escape('Performing the operation "Set HKLM\SOFTWARE\Microsoft\BCDRAGENT\USEVSSCOPYBACKUP = TRUE (REG_SZ)" on target "vm-sql01"'))
        $skipped = @([regex]::Matches($out, 'VERBOSE: Skipping vm-sql01 (\S+)') | ForEach-Object { $_.Groups[1].Value })
        $skipped | Should -Not -Contain 'Windows.VssCopyMode'
        $skipped.Count | Should -BeGreaterThan 10
        (Get-FileHash $sql).Hash | Should -Be $before.Hash
    }

    Context 'off Windows' -Skip:$IsWindows {
        It '-ComputerName stops with PlatformNotSupported (NotImplemented)' {
            $err = { Test-AzBackupAgentHealth -ComputerName vm1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PlatformNotSupported,$TestId"
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.ToString() | Should -Match 'Invoke-AzVMRunCommand'
        }

        It 'reads a capture without loading Microsoft.Management.Infrastructure' {
            $script = '$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; ' +
                "Import-Module '$ModuleManifest'; " +
                "`$n = @(Test-AzBackupAgentHealth -Path '$(Join-Path $WinExamples 'healthy.json')').Count; " +
                '$new = @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -notin $before }); "$n|$($new -join '','')"'
            $count, $new = (Invoke-ChildPwsh -Command $script) -split '\|', 2
            [int]$count | Should -Be 29   # 25 Windows and Host checks, 4 probes (NotApplicable)
            $new | Should -Not -Match 'Microsoft.Management.Infrastructure'
        }
    }

    Context 'the real CIM path' -Tag 'WindowsOnly' {
        It 'checks the running Windows machine with no parameter' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            $r = @(Test-AzBackupAgentHealth -Check 'Windows.*', 'Host.*')
            ($r.Target | Sort-Object -Unique) | Should -Be $env:COMPUTERNAME
            $r.CheckId | Should -Contain 'Windows.VssService'
            @($r | Where-Object Status -EQ 'Error' | Where-Object Message -Match 'not in the capture') | Should -BeNullOrEmpty
        }

        It 'checks through a local CimSession' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            $session = New-CimSession
            try {
                $live = @(Test-AzBackupAgentHealth -CimSession $session -Check 'Windows.*')
                $live.Count | Should -BeGreaterThan 10
                ($live | Where-Object CheckId -EQ 'Windows.VssService').Message | Should -Not -BeNullOrEmpty
            }
            finally { Remove-CimSession $session }
        }

        It 'writes CimOperationFailed for a computer that cannot be reached and goes on' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            # A name under the reserved .invalid domain never resolves, so no packet leaves the machine.
            $r = @(Test-AzBackupAgentHealth -ComputerName 'nowhere.invalid', 'localhost' -Check Windows.VssService -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs[0].FullyQualifiedErrorId | Should -Be "CimOperationFailed,$TestId"
            $errs[0].TargetObject | Should -Be 'nowhere.invalid'
            $r.CheckId | Should -Contain 'Windows.VssService'
        }
    }
}

Describe 'Test-AzBackupAgentHealth: hostile input (-StorageEndpoint)' {
    It 'writes InvalidStorageEndpoint (InvalidArgument) for -StorageEndpoint <Name>, before reading anything' -ForEach @(
        @{ Name = 'host:99999'; Endpoint = 'host:99999' }
        @{ Name = 'host:0'; Endpoint = 'host:0' }
        @{ Name = 'ho st:443'; Endpoint = 'ho st:443' }
        @{ Name = 'host<CR><LF>:443'; Endpoint = "host`r`n:443" }
        @{ Name = '999.1.1.1'; Endpoint = '999.1.1.1' }
    ) {
        $thrown = $null
        try { Test-AzBackupAgentHealth -Path (Join-Path $Examples 'healthy') -StorageEndpoint $Endpoint -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidStorageEndpoint,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.TargetObject | Should -Be $Endpoint
        $thrown.Exception.Message | Should -Not -Match "`r|`n"
    }

    It 'live with -Force: host:99999 is InvalidStorageEndpoint, not an ArgumentOutOfRangeException' {
        if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
        $child = Invoke-Isolated -Script @'
try { $null = Test-AzBackupAgentHealth -Force -Check Network.* -StorageEndpoint host:99999; 'JSON:{"Id":"none"}' }
catch { 'JSON:' + (@{ Id = $_.FullyQualifiedErrorId; Type = $_.Exception.GetType().Name } | ConvertTo-Json -Compress) }
'@
        $out = Get-Json $child.Output
        $out.Id | Should -BeLike 'InvalidStorageEndpoint,*'
        $out.Type | Should -Not -Be 'ArgumentOutOfRangeException'
    }
}
