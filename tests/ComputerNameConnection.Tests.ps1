# -Credential, -Authentication, -UseSsl and -Port with -ComputerName, and computer names given to -CimSession, on every
# cmdlet that reaches Windows by name. The module's computer-name seam is replaced by a recorder (RemoteCim.TestHelpers.ps1)
# that opens a RecordingCimGateway over a capture, so these run anywhere; the real WSMan path is the WindowsOnly tests'.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'RemoteCim.TestHelpers.ps1')
    $script:Capture = Join-Path $RepoRoot 'examples/windows/sql-without-vss-copy.json'
    $script:Cmdlets = 'Test-AzBackupAgentHealth', 'Save-AzBackupAgentLog', 'Set-AzBackupVssCopyMode', 'Repair-AzBackupAgent', 'Add-AzDatacenterRoute', 'Remove-AzDatacenterRoute'
}

Describe '-ComputerName connection parameters' {
    It '<_> takes -Credential, -Authentication, -UseSsl and -Port wherever it takes -ComputerName' -ForEach @(
        'Test-AzBackupAgentHealth', 'Save-AzBackupAgentLog', 'Set-AzBackupVssCopyMode', 'Repair-AzBackupAgent', 'Add-AzDatacenterRoute', 'Remove-AzDatacenterRoute') {
        $cmd = Get-Command $_
        $cmd.Parameters['Credential'].ParameterType | Should -Be ([pscredential])
        $cmd.Parameters['Authentication'].ParameterType | Should -Be ([AzBackupTroubleshoot.Core.Cim.WsmanAuthentication])
        $cmd.Parameters['UseSsl'].ParameterType | Should -Be ([switch])
        $cmd.Parameters['Port'].ParameterType | Should -Be ([Nullable[int]])
        foreach ($set in $cmd.ParameterSets | Where-Object { $_.Parameters.Name -contains 'ComputerName' }) {
            foreach ($p in 'Credential', 'Authentication', 'UseSsl', 'Port') { $set.Parameters.Name | Should -Contain $p -Because "set $($set.Name)" }
        }
        [enum]::GetNames([AzBackupTroubleshoot.Core.Cim.WsmanAuthentication]) | Should -Be @('Default', 'Digest', 'Negotiate', 'Basic', 'Kerberos', 'NtlmDomain', 'CredSsp')
    }

    Context 'through the recording gateway' {
        BeforeEach { Enable-CimOpenRecorder -CapturePath $Capture }
        AfterEach { Disable-CimOpenRecorder }

        It 'builds the session New-CimSession would: credential split into domain and user, Negotiate, SSL, port' {
            $cred = New-TestCredential
            $r = @(Test-AzBackupAgentHealth -ComputerName vm-sql01 -Credential $cred -Authentication Negotiate -UseSsl -Port 15986 -Check Windows.VssCopyMode)
            $r.Count | Should -Be 1
            $r[0].CheckId | Should -Be 'Windows.VssCopyMode'
            $r[0].Target | Should -Be 'vm-sql01'
            $calls = @(Get-CimOpenRecord)
            $calls.Count | Should -Be 1
            $calls[0].ComputerName | Should -Be 'vm-sql01'
            $calls[0].UserName | Should -Be 'CONTOSO\azbt-admin'
            $calls[0].Domain | Should -Be 'CONTOSO'
            $calls[0].User | Should -Be 'azbt-admin'
            $calls[0].Password | Should -Be 'Pa55-not-a-real-secret'
            $calls[0].Authentication | Should -Be 'Negotiate'
            $calls[0].UseSsl | Should -BeTrue
            $calls[0].EffectivePort | Should -Be 15986
            $calls[0].Description | Should -Be 'WSMan https port 15986, authentication Negotiate, as CONTOSO\azbt-admin'
        }

        It 'takes WinRM''s ports by default: 5986 with -UseSsl, 5985 without, and the caller''s identity without -Credential' {
            $null = Test-AzBackupAgentHealth -ComputerName vm-a -UseSsl -Check Windows.VssCopyMode
            $null = Test-AzBackupAgentHealth -ComputerName vm-b -Check Windows.VssCopyMode
            $null = Test-AzBackupAgentHealth -ComputerName vm-c -Authentication Kerberos -Check Windows.VssCopyMode
            $calls = @(Get-CimOpenRecord)
            ($calls | ForEach-Object { "$($_.ComputerName) $($_.EffectivePort) $($_.UseSsl) $($_.Authentication) $($_.UserName) $($_.IsDefault)" }) |
                Should -Be @('vm-a 5986 True Default  False', 'vm-b 5985 False Default  True', 'vm-c 5985 False Kerberos  False')
        }

        It 'keeps user@domain whole as the user, with no domain' {
            $null = Test-AzBackupAgentHealth -ComputerName vm-a -Credential (New-TestCredential -UserName 'azbt@contoso.example') -Check Windows.VssCopyMode
            $c = Get-CimOpenRecord
            $c.Domain | Should -Be ''
            $c.User | Should -Be 'azbt@contoso.example'
        }

        It 'passes the options to <Name>' -ForEach @(
            @{ Name = 'Set-AzBackupVssCopyMode'; Run = { param($c) Set-AzBackupVssCopyMode -Enabled $true -ComputerName vm-sql01 -Credential $c -UseSsl -WhatIf } }
            @{ Name = 'Save-AzBackupAgentLog'; Run = { param($c) Save-AzBackupAgentLog -ComputerName vm-sql01 -Credential $c -UseSsl -Destination (Join-Path $TestDrive "b-$([guid]::NewGuid().ToString('N')).zip") -WarningAction SilentlyContinue } }
            @{ Name = 'Repair-AzBackupAgent'; Run = { param($c) Repair-AzBackupAgent -Restart -ComputerName vm-sql01 -Credential $c -UseSsl -WhatIf } }
            @{ Name = 'Repair-AzBackupAgent (piped results keep the options they were read with)'; Computer = 'vm-agent-stopped'; Run = { param($c)
                    [AzbtCimOpenRecorder]::CapturePath = Join-Path $RepoRoot 'examples/windows/agent-stopped.json'
                    Test-AzBackupAgentHealth -ComputerName vm-agent-stopped -Credential $c -UseSsl | Repair-AzBackupAgent -WhatIf
                    @(Get-CimOpenRecord).Count | Should -Be 2 -Because 'one session to read, one to repair' } }
        ) {
            $null = & $Run (New-TestCredential) 6>$null
            $calls = @(Get-CimOpenRecord)
            $calls.Count | Should -BeGreaterThan 0
            foreach ($c in $calls) {
                $c.ComputerName | Should -Be $(if ($Computer) { $Computer } else { 'vm-sql01' })
                $c.UserName | Should -Be 'CONTOSO\azbt-admin'
                $c.UseSsl | Should -BeTrue
                $c.EffectivePort | Should -Be 5986
            }
        }

        It 'takes computer names in -CimSession, as CDXML cmdlets do, and opens each with the default options' {
            $r = @(Test-AzBackupAgentHealth -CimSession 'vm-one', 'vm-two' -Check Windows.VssCopyMode)
            $r.Count | Should -Be 2
            $calls = @(Get-CimOpenRecord)
            $calls.ComputerName | Should -Be @('vm-one', 'vm-two')
            $calls | ForEach-Object { $_.IsDefault | Should -BeTrue }
            $null = Set-AzBackupVssCopyMode -Enabled $true -CimSession 'vm-three' -WhatIf
            @(Get-CimOpenRecord)[-1].ComputerName | Should -Be 'vm-three'
        }

        It 'stops with InvalidConnectionOptions (InvalidArgument) for -Authentication <_> without -Credential, before connecting' -ForEach @('Basic', 'Digest', 'CredSsp') {
            { Test-AzBackupAgentHealth -ComputerName vm-a -Authentication $_ } | Should -Throw -ErrorId 'InvalidConnectionOptions,AzBackupTroubleshoot.Commands.TestAzBackupAgentHealthCommand'
            $err = { Test-AzBackupAgentHealth -ComputerName vm-a -Authentication $_ } | Should -Throw -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            "$err" | Should -Match '-Credential'
            @(Get-CimOpenRecord).Count | Should -Be 0
        }

        It 'warns that Basic without -UseSsl sends the password unencrypted, and never shows the password' {
            $out = Test-AzBackupAgentHealth -ComputerName vm-a -Credential (New-TestCredential) -Authentication Basic -Check Windows.VssCopyMode -Verbose 3>&1 4>&1 | Out-String
            $out | Should -Match 'Basic without -UseSsl sends the password unencrypted'
            $out | Should -Not -Match 'Pa55-not-a-real-secret'
            (Get-CimOpenRecord).Authentication | Should -Be 'Basic'
        }
    }

    It 'rejects -Port outside 1-65535 at binding' -ForEach @(0, 65536) {
        { Test-AzBackupAgentHealth -ComputerName vm-a -Port $_ } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'rejects an empty name in -CimSession' {
        { Test-AzBackupAgentHealth -CimSession ' ' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*'
    }

    Context 'off Windows, without a CIM client' -Skip:$IsWindows {
        It '<_> stops with PlatformNotSupported and suggests what works there, not -CimSession' -ForEach @(
            'Test-AzBackupAgentHealth -ComputerName vm1',
            'Save-AzBackupAgentLog -ComputerName vm1 -Destination x.zip',
            'Repair-AzBackupAgent -ComputerName vm1 -Restart',
            'Set-AzBackupVssCopyMode -Enabled $true -ComputerName vm1',
            'Remove-AzDatacenterRoute -All -ComputerName vm1 -WhatIf') {
            $err = { Invoke-Expression $_ } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'PlatformNotSupported,*'
            $text = "$err $($err.ErrorDetails.RecommendedAction)"
            $text | Should -Match 'Invoke-AzVMRunCommand'
            $text | Should -Not -Match 'pass -CimSession'
        }

        It 'a computer name given to -CimSession is an error for that machine that says the same, and loads no CIM library' {
            $null = Test-AzBackupAgentHealth -CimSession vm1, vm2 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs | ForEach-Object {
                $_.FullyQualifiedErrorId | Should -BeLike 'CimOperationFailed,*'
                "$_" | Should -Match 'Invoke-AzVMRunCommand'
            }
            $errs.TargetObject | Should -Be @('vm1', 'vm2')
        }
    }
}
