BeforeAll {
    . (Join-Path $PSScriptRoot 'Save-AzBackupAgentLog.TestSetup.ps1')
}

Describe 'Save-AzBackupAgentLog' {
    It 'writes a 0600 bundle with no secret in it, and reports the redactions' {
        $zip = Join-Path $TestDrive 'one.zip'
        $report = Save-AzBackupAgentLog -Path $Seeded -Destination $zip
        $report | Should -BeOfType ([AzBackupTroubleshoot.Core.Sources.BundleReport])
        (Get-Item $zip).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        $entries = @(Get-ZipText $zip)
        foreach ($secret in $Sig, $Protected, $Key) {
            $entries | Where-Object { $_.Text.Contains($secret) } | Should -BeNullOrEmpty
        }
        $entries.Name | Should -Not -Contain 'var/lib/waagent/TransportPrivate.pem'
        $entries.Name | Should -Contain 'AzBackupTroubleshoot.results.json'
        $report.Redactions['SasSignature'] | Should -Be 2
        $report.Redactions['ProtectedSettings'] | Should -Be 1
        $report.Redactions['KeyOrCertificateFile'] | Should -Be 1
        $report.LeftOut | Should -Match 'TransportPrivate.pem'
        ($report | Out-String) | Should -Match 'Redactions\s*:\s*1 KeyOrCertificateFile, 1 ProtectedSettings, 2 SasSignature'
    }

    It 'analyses like the root it came from' {
        $zip = Join-Path $TestDrive 'two.zip'
        $null = Save-AzBackupAgentLog -Path $Seeded -Destination $zip
        $fromRoot = Test-AzBackupAgentHealth -Path $Seeded | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.CheckId, $_.Status, $_.Cause, $_.Message, ($_.Evidence -join ';') }
        $fromZip = Test-AzBackupAgentHealth -Path $zip | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.CheckId, $_.Status, $_.Cause, $_.Message, ($_.Evidence -join ';') }
        $fromZip | Should -Be $fromRoot
        $fromRoot | Where-Object { $_ -like '*|Failed|*' } | Should -Not -BeNullOrEmpty
    }

    It 'refuses to overwrite without -Force (DestinationExists), replaces with -Force' {
        $zip = Join-Path $TestDrive 'three.zip'
        Set-Content $zip 'old'
        { Save-AzBackupAgentLog -Path $Seeded -Destination $zip -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationExists,AzBackupTroubleshoot.Commands.SaveAzBackupAgentLogCommand'
        Get-Content $zip | Should -Be 'old'
        $null = Save-AzBackupAgentLog -Path $Seeded -Destination $zip -Force
        (Get-ZipText $zip).Count | Should -BeGreaterThan 10
        Get-ChildItem $TestDrive -Filter '.three.zip*' -Force | Should -BeNullOrEmpty
    }

    It 'never replaces a FIFO at the destination, not even with -Force (DestinationNotRegularFile)' {
        $fifo = Join-Path $TestDrive 'pipe.zip'
        & mkfifo $fifo
        $e = { Save-AzBackupAgentLog -Path $Seeded -Destination $fifo -Force -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'DestinationNotRegularFile,AzBackupTroubleshoot.Commands.SaveAzBackupAgentLogCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (& stat -c %F $fifo) | Should -Be 'fifo'
        Get-ChildItem $TestDrive -Filter '.pipe.zip*' -Force | Should -BeNullOrEmpty
    }

    It 'writes DestinationNotFound and PathNotFound' {
        $e1 = { Save-AzBackupAgentLog -Path $Seeded -Destination (Join-Path $TestDrive 'no/such/dir/x.zip') -ErrorAction Stop } | Should -Throw -PassThru
        $e1.FullyQualifiedErrorId | Should -Be 'DestinationNotFound,AzBackupTroubleshoot.Commands.SaveAzBackupAgentLogCommand'
        $e1.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e2 = { Save-AzBackupAgentLog -Path (Join-Path $TestDrive 'missing-root') -Destination (Join-Path $TestDrive 'y.zip') -ErrorAction Stop } | Should -Throw -PassThru
        $e2.FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }

    It 'writes nothing with -WhatIf' {
        $zip = Join-Path $TestDrive 'whatif.zip'
        Save-AzBackupAgentLog -Path $Seeded -Destination $zip -WhatIf
        Test-Path $zip | Should -BeFalse
    }

    It 'bundles the running machine too' {
        $zip = Join-Path $TestDrive 'live.zip'
        $report = Save-AzBackupAgentLog -Destination $zip
        $names = (Get-ZipText $zip).Name
        $names | Should -Contain 'proc/meminfo'
        $names | Should -Contain 'AzBackupTroubleshoot.results.json'
        $report.FileCount | Should -Be $names.Count
        @(Test-AzBackupAgentHealth -Path $zip -Check Host.MemoryPressure).Status | Should -Be 'Passed'
    }
}

Describe 'Save-AzBackupAgentLog on Windows (captures in bundles, CIM)' {
    BeforeAll {
        $script:WinExamples = Join-Path $RepoRoot 'examples/windows'
        $script:SaveId = 'AzBackupTroubleshoot.Commands.SaveAzBackupAgentLogCommand'
        $script:TestId = 'AzBackupTroubleshoot.Commands.TestAzBackupAgentHealthCommand'
        $script:Plugin = 'Microsoft.Azure.RecoveryServices.VMSnapshot'
        $script:WinSig = 'V0lORE9XU1BFU1RFUlNJR05BVFVSRQ'
        $script:WinProtected = 'MIIBsWINDOWSPROTECTEDFORPESTER'
        $script:WinCert = 'MIIDBTCCWINDOWSCERTFORPESTER'

        # A system drive as the agent leaves it, in $TestDrive.
        $script:Drive = Join-Path $TestDrive 'drive-c'
        $logs = Join-Path $Drive "WindowsAzure/Logs/Plugins/$Plugin/1.0.75.0"
        $settings = Join-Path $Drive "Packages/Plugins/$Plugin/1.0.75.0/RuntimeSettings"
        $null = New-Item -ItemType Directory -Force -Path $logs, $settings
        Set-Content (Join-Path $Drive 'WindowsAzure/Logs/WaAppAgent.log') "[00000011] [11/20/2025 09:14:40.10] [WARN]  Failed to upload https://md.blob.core.windows.net/`$system/vm.status?sv=1&sig=$WinSig&se=2"
        Set-Content (Join-Path $logs 'TransportCert.cer') "-----BEGIN CERTIFICATE-----`n$WinCert`n-----END CERTIFICATE-----"
        Set-Content (Join-Path $settings '12.settings') ('{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"' + $WinProtected + '","publicSettings":{"logsBlobUri":"https://md.blob.core.windows.net/l/x?sv=1&sig=' + $WinSig + '&se=2"}}}]}')

        # A Windows bundle written by the Core writer the cmdlet uses, for a capture read from examples/windows.
        function New-WindowsBundle([string] $Example, [string] $Zip, [string] $DriveFolder) {
            $capture = [AzBackupTroubleshoot.Core.Sources.Windows.CimCaptureSerializer]::Load((Join-Path $WinExamples "$Example.json"))
            $gateway = [AzBackupTroubleshoot.Core.Sources.Windows.ReplayCimGateway]::new($capture)
            $results = [AzBackupTroubleshoot.Core.Runners.WindowsHealthRunner]::new($null, $null, $null).RunAsync($gateway, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $logs = if ($DriveFolder) { [AzBackupTroubleshoot.Core.Sources.Windows.WindowsAgentLogFiles]::new($DriveFolder, 'C:') } else { $null }
            $writer = [AzBackupTroubleshoot.Core.Sources.Windows.WindowsLogBundleWriter]::new([AzBackupTroubleshoot.Core.Platform.LibcFileMetadata]::new(), $null)
            $writer.WriteAsync($capture, $results, $logs, $Zip, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }

        function Get-ResultKey($Results) { $Results | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Target, $_.CheckId, $_.Status, $_.Cause, $_.Message, ($_.Evidence -join ';') } }
    }

    It 'has the Local, CimSession and ComputerName parameter sets' {
        $cmd = Get-Command Save-AzBackupAgentLog
        $cmd.ParameterSets.Name | Sort-Object | Should -Be @('CimSession', 'ComputerName', 'Local')
        $cmd.DefaultParameterSet | Should -Be 'Local'
        (Get-Command Save-AzBackupAgentLog -Syntax) | Should -Match '-CimSession <CimSession>'
        $cmd.Parameters['ComputerName'].Aliases | Should -Contain 'CN'
        $cmd.OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Sources.BundleReport])
    }

    It 'Test-AzBackupAgentHealth -Path on the Windows bundle of <_> gives the results of the capture inside' -ForEach @('healthy', 'sql-without-vss-copy', 'extension-crashes', 'agent-stopped') {
        $zip = Join-Path $TestDrive "$_.zip"
        $null = New-WindowsBundle $_ $zip $null
        $fromCapture = Get-ResultKey (Test-AzBackupAgentHealth -Path (Join-Path $WinExamples "$_.json"))
        $fromBundle = Get-ResultKey (Test-AzBackupAgentHealth -Path $zip)
        $fromBundle | Should -Be $fromCapture
        $fromBundle | Where-Object { $_ -like '*|Windows.*' } | Should -Not -BeNullOrEmpty
        $fromBundle | Where-Object { $_ -like '*|Linux.*' } | Should -BeNullOrEmpty
    }

    It 'takes Windows bundles from the pipeline, and -Check filters them' {
        $zip = Join-Path $TestDrive 'piped.zip'
        $null = New-WindowsBundle 'dhcp-off' $zip $null
        $r = @(Get-Item $zip | Test-AzBackupAgentHealth -Check Windows.Dhcp)
        $r.CheckId | Should -Be 'Windows.Dhcp'
        $r.Status | Should -Be 'Failed'
        $r.Target | Should -Be 'vm-static-ip'
    }

    It 'a bundle with the agent logs keeps no secret, counts the redactions, and still analyses like its capture' {
        $zip = Join-Path $TestDrive 'with-logs.zip'
        $report = New-WindowsBundle 'healthy' $zip $Drive
        $entries = @(Get-ZipText $zip)
        foreach ($secret in $WinSig, $WinProtected, $WinCert) {
            $entries | Where-Object { $_.Text.Contains($secret) } | Should -BeNullOrEmpty
        }
        $entries.Name | Should -Contain 'AzBackupTroubleshoot.capture.json'
        $entries.Name | Should -Contain 'C/WindowsAzure/Logs/WaAppAgent.log'
        $entries.Name | Should -Contain "C/Packages/Plugins/$Plugin/1.0.75.0/RuntimeSettings/12.settings"
        ($report | Out-String) | Should -Match 'Redactions\s*:\s*1 KeyOrCertificateFile, 1 ProtectedSettings, 2 SasSignature'
        $report.LeftOut | Should -Match ([regex]::Escape("C:\WindowsAzure\Logs\Plugins\$Plugin\1.0.75.0\TransportCert.cer"))
        Get-ResultKey (Test-AzBackupAgentHealth -Path $zip) | Should -Be (Get-ResultKey (Test-AzBackupAgentHealth -Path (Join-Path $WinExamples 'healthy.json')))
    }

    It 'a Windows bundle whose capture is broken writes CaptureInvalidJson naming the entry, and the next path is still read' {
        $bad = Join-Path $TestDrive 'broken.zip'
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $z = [System.IO.Compression.ZipFile]::Open($bad, 'Create')
        try {
            $w = [System.IO.StreamWriter]::new($z.CreateEntry('AzBackupTroubleshoot.capture.json').Open())
            $w.Write('{"formatVersion":1,')
            $w.Dispose()
        }
        finally { $z.Dispose() }
        $r = @($bad, (Join-Path $WinExamples 'agent-too-old.json') | Test-AzBackupAgentHealth -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "CaptureInvalidJson,$TestId"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be $bad
        $errs[0].ToString() | Should -Match ([regex]::Escape('broken.zip!AzBackupTroubleshoot.capture.json'))
        ($r.Target | Sort-Object -Unique) | Should -Be 'vm-agent-old'
    }

    It '-WhatIf with a session names the VM and the destination, and neither reads the VM nor writes anything' {
        # An object that passes the CimSession type check without being one: any use of it beyond -WhatIf would fail.
        $zip = Join-Path $TestDrive 'whatif-windows.zip'
        $out = Invoke-ChildPwsh -Command ("Import-Module '$ModuleManifest'; `$s = [pscustomobject]@{ ComputerName = 'vm-sql01' }; " +
            "`$s.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimSession'); " +
            "Save-AzBackupAgentLog -CimSession `$s -Destination '$zip' -WhatIf; 'errors=' + `$Error.Count") 2>&1 | Out-String
        $out | Should -Match ([regex]::Escape("What if: Performing the operation ""Save the capture and the agent logs of vm-sql01 (secrets redacted)"" on target ""$zip"""))
        $out | Should -Match 'errors=0'
        Test-Path $zip | Should -BeFalse
        Get-ChildItem $TestDrive -Filter '*whatif-windows*' -Force | Should -BeNullOrEmpty
    }

    It '-Path with a Windows capture or bundle stops with InvalidRoot (InvalidArgument): it is not a Linux root' {
        $zip = Join-Path $TestDrive 'win-as-root.zip'
        $null = New-WindowsBundle 'healthy' $zip $null
        foreach ($path in $zip, (Join-Path $WinExamples 'healthy.json')) {
            $err = { Save-AzBackupAgentLog -Path $path -Destination (Join-Path $TestDrive 'rebundle.zip') } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "InvalidRoot,$SaveId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ToString() | Should -Match 'Windows capture or bundle'
        }
        Test-Path (Join-Path $TestDrive 'rebundle.zip') | Should -BeFalse
    }

    Context 'off Windows' -Skip:$IsWindows {
        It '-ComputerName stops with PlatformNotSupported (NotImplemented), telling what works off Windows, and writes nothing' {
            $zip = Join-Path $TestDrive 'cn.zip'
            $err = { Save-AzBackupAgentLog -ComputerName vm1 -Destination $zip } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PlatformNotSupported,$SaveId"
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.ToString() | Should -Match 'Invoke-AzVMRunCommand'
            Test-Path $zip | Should -BeFalse
        }

        It '-CimSession takes a CimSession or a computer name (as CDXML cmdlets do), nothing else' {
            { Save-AzBackupAgentLog -CimSession 42 -Destination (Join-Path $TestDrive 'x.zip') } | Should -Throw -ErrorId 'MismatchedPSTypeName,AzBackupTroubleshoot.Commands.SaveAzBackupAgentLogCommand'
            # A name binds; off Windows it then fails for that machine, with what works there.
            $err = { Save-AzBackupAgentLog -CimSession 'vm1' -Destination (Join-Path $TestDrive 'x.zip') } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CimOperationFailed,*'
            "$err" | Should -Match 'Invoke-AzVMRunCommand'
            Test-Path (Join-Path $TestDrive 'x.zip') | Should -BeFalse
        }

        It 'reads Windows bundles and refuses -ComputerName without loading Microsoft.Management.Infrastructure' {
            $zip = Join-Path $TestDrive 'mmi.zip'
            $null = New-WindowsBundle 'healthy' $zip $null
            $script = '$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; ' +
                "Import-Module '$ModuleManifest'; " +
                "`$n = @(Test-AzBackupAgentHealth -Path '$zip').Count; " +
                "try { Save-AzBackupAgentLog -ComputerName vm1 -Destination '$(Join-Path $TestDrive 'no.zip')' } catch { }; " +
                '$new = @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -notin $before }); "$n|$($new -join '','')"'
            $count, $new = (Invoke-ChildPwsh -Command $script) -split '\|', 2
            [int]$count | Should -Be 29   # 25 Windows and Host checks, 4 probes (NotApplicable)
            $new | Should -Not -Match 'Microsoft.Management.Infrastructure'
        }
    }

    Context 'the real CIM path' -Tag 'WindowsOnly' {
        It 'bundles the running Windows machine: capture, results and logs; the bundle analyses like its capture' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) and the agent''s files only exist there'; return }
            $zip = Join-Path $TestDrive 'local.zip'
            $report = Save-AzBackupAgentLog -Destination $zip -WarningVariable warnings
            $warnings | Should -BeNullOrEmpty
            $names = (Get-ZipText $zip).Name
            $names | Should -Contain 'AzBackupTroubleshoot.capture.json'
            $names | Should -Contain 'AzBackupTroubleshoot.results.json'
            $report.FileCount | Should -Be $names.Count
            if (Test-Path "$env:SystemDrive\WindowsAzure\Logs\WaAppAgent.log") {
                $names | Should -Contain "$($env:SystemDrive[0])/WindowsAzure/Logs/WaAppAgent.log"
            }
            $capture = Join-Path $TestDrive 'local-capture.json'
            Expand-Archive -Path $zip -DestinationPath (Join-Path $TestDrive 'local-x') -Force
            Copy-Item (Join-Path $TestDrive 'local-x/AzBackupTroubleshoot.capture.json') $capture
            Get-ResultKey (Test-AzBackupAgentHealth -Path $zip) | Should -Be (Get-ResultKey (Test-AzBackupAgentHealth -Path $capture))
            @(Test-AzBackupAgentHealth -Path $zip | Where-Object Message -Match 'not in the capture') | Should -BeNullOrEmpty
        }

        It 'through a session that is not local, warns that a CIM session cannot read file contents and bundles no logs' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            # 127.0.0.2 is a loopback address the module does not take for the local machine: the session counts as remote.
            $session = New-CimSession -ComputerName 127.0.0.2 -ErrorAction SilentlyContinue
            if (-not $session) { Set-ItResult -Skipped -Because 'WinRM does not accept a session to 127.0.0.2 here'; return }
            try {
                $zip = Join-Path $TestDrive 'remote.zip'
                $null = Save-AzBackupAgentLog -CimSession $session -Destination $zip -WarningVariable warnings
                $warnings | Should -Match 'cannot read file contents'
                (Get-ZipText $zip).Name | Sort-Object | Should -Be @('AzBackupTroubleshoot.capture.json', 'AzBackupTroubleshoot.results.json')
            }
            finally { Remove-CimSession $session }
        }

        It '-ComputerName that cannot be reached stops with CimOperationFailed and leaves nothing behind' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) only works there'; return }
            # A name under the reserved .invalid domain never resolves, so no packet leaves the machine.
            $zip = Join-Path $TestDrive 'unreachable.zip'
            { Save-AzBackupAgentLog -ComputerName 'nowhere.invalid' -Destination $zip } | Should -Throw -ErrorId "CimOperationFailed,$SaveId"
            Get-ChildItem $TestDrive -Filter '*unreachable.zip*' -Force | Should -BeNullOrEmpty
        }
    }
}
