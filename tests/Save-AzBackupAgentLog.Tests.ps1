BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Examples = Join-Path $RepoRoot 'examples/linux'
    $script:Sig = 'U0VDUkVUU0lHTkFUVVJFZm9yUGVzdGVy'
    $script:Protected = 'MIIBsPROTECTEDSETTINGSFORPESTER'
    $script:Key = 'MIIEvQIBADANPRIVATEKEYFORPESTER'
    $script:Seeded = Join-Path $TestDrive 'seeded'
    & cp -a (Join-Path $Examples 'extension-failing') $Seeded
    $ext = Join-Path $Seeded 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0'
    $null = New-Item -ItemType Directory -Path (Join-Path $ext 'config') -Force
    Set-Content -Path (Join-Path $ext 'config/13.settings') -Value ('{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"' + $Protected + '","publicSettings":{"logsBlobUri":"https://md.blob.core.windows.net/l/x?sv=2018-03-28&sig=' + $Sig + '&se=2024"}}}]}') -ErrorAction Stop
    Set-Content -Path (Join-Path $Seeded 'var/lib/waagent/TransportPrivate.pem') -Value "-----BEGIN PRIVATE KEY-----`n$Key`n-----END PRIVATE KEY-----"
    Add-Content -Path (Join-Path $Seeded 'var/log/waagent.log') -Value "2024-05-02T02:31:30.000000Z ERROR ExtHandler ExtHandler upload failed: https://md.blob.core.windows.net/s/vm.status?sv=1&sig=$Sig&se=2"

    function Get-ZipText([string] $Zip) {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $z = [System.IO.Compression.ZipFile]::OpenRead($Zip)
        try {
            foreach ($e in $z.Entries | Where-Object { -not $_.FullName.EndsWith('/') }) {
                $s = [System.IO.StreamReader]::new($e.Open(), [System.Text.Encoding]::Latin1)
                [pscustomobject]@{ Name = $e.FullName; Text = $s.ReadToEnd() }
                $s.Dispose()
            }
        }
        finally { $z.Dispose() }
    }
}

Describe 'Save-AzBackupAgentLog' {
    It 'writes a 0600 bundle with no secret in it, and reports the redactions' {
        $zip = Join-Path $TestDrive 'one.zip'
        $report = Save-AzBackupAgentLog -Path $Seeded -Destination $zip
        $report | Should -BeOfType ([AzBackupTroubleshoot.Core.Linux.Bundle.BundleReport])
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
