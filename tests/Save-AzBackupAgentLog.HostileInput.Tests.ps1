# Save-AzBackupAgentLog against a planted corpus of every secret form (issue 11); the cmdlet's other tests are in
# Save-AzBackupAgentLog.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Save-AzBackupAgentLog.TestSetup.ps1')
}

Describe 'Save-AzBackupAgentLog hostile input: a planted corpus of every secret form (issue 11)' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $script:Corpus = & (Join-Path $PSScriptRoot 'New-HostileCorpus.ps1') -Path (Join-Path $TestDrive 'corpus') -Category Secrets
        $script:Marker = $Corpus.Marker

        # Every text form of a file: Latin-1 (any bytes), UTF-16 when it looks like it, and the inside of gzip.
        function Get-Texts([byte[]] $Bytes) {
            if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0x1F -and $Bytes[1] -eq 0x8B) {
                $gz = [System.IO.Compression.GZipStream]::new([System.IO.MemoryStream]::new($Bytes), [System.IO.Compression.CompressionMode]::Decompress)
                $plain = [System.IO.MemoryStream]::new(); $gz.CopyTo($plain); $gz.Dispose()
                return Get-Texts $plain.ToArray()
            }
            [System.Text.Encoding]::Latin1.GetString($Bytes)
            [System.Text.Encoding]::Unicode.GetString($Bytes)
            if ($Bytes.Length -gt 1) { [System.Text.Encoding]::Unicode.GetString($Bytes, 1, $Bytes.Length - 1) }
        }

        # Unzips a bundle and returns every file that holds the marker, in any of its text forms.
        function Find-Marker([string] $Zip) {
            $z = [System.IO.Compression.ZipFile]::OpenRead($Zip)
            try {
                foreach ($e in $z.Entries | Where-Object { -not $_.FullName.EndsWith('/') }) {
                    $s = $e.Open(); $m = [System.IO.MemoryStream]::new(); $s.CopyTo($m); $s.Dispose()
                    $hits = @(Get-Texts $m.ToArray() | Where-Object { $_.Contains($Marker) })
                    if ($hits) { [pscustomobject]@{ Entry = $e.FullName; Line = ($hits[0] -split "`n" | Where-Object { $_.Contains($Marker) } | Select-Object -First 1) } }
                }
            }
            finally { $z.Dispose() }
        }

        function Get-EntryBytes([string] $Zip, [string] $Name) {
            $z = [System.IO.Compression.ZipFile]::OpenRead($Zip)
            try {
                $e = $z.GetEntry($Name); if (-not $e) { return $null }
                $s = $e.Open(); $m = [System.IO.MemoryStream]::new(); $s.CopyTo($m); $s.Dispose(); , $m.ToArray()
            }
            finally { $z.Dispose() }
        }

        $script:LinuxZip = Join-Path $TestDrive 'corpus-linux.zip'
        $script:LinuxOut = Save-AzBackupAgentLog -Path $Corpus.Root -Destination $LinuxZip -Verbose 4>&1
        $script:LinuxReport = $LinuxOut | Where-Object { $_ -is [AzBackupTroubleshoot.Core.Sources.BundleReport] }
    }

    It 'plants every form where a bundle takes files from (or this test would prove nothing)' {
        $Corpus.Forms.Count | Should -BeGreaterOrEqual 23
        foreach ($file in $Corpus.Planted | Where-Object { $_ -notin $Corpus.MustBeLeftOut }) {
            @(Get-Texts ([System.IO.File]::ReadAllBytes((Join-Path $Corpus.Root $file))) | Where-Object { $_.Contains($Marker) }) | Should -Not -BeNullOrEmpty -Because $file
        }
        $raw = [System.IO.File]::ReadAllBytes((Join-Path $Corpus.Root $Corpus.MustBeLeftOut[3]))
        [System.Text.Encoding]::Latin1.GetString($raw) | Should -Match $Marker
    }

    It 'Linux bundle: no file of the unzipped bundle holds a planted secret (gzip logs opened, UTF-16 read)' {
        $LinuxReport | Should -Not -BeNullOrEmpty
        Find-Marker $LinuxZip | Should -BeNullOrEmpty
    }

    It 'Linux bundle: counts every kind it removed' {
        foreach ($kind in 'SasSignature', 'ProtectedSettings', 'Password', 'CustomData', 'NetworkSecret', 'UrlCredentials', 'AccountKey', 'AccessToken') {
            $LinuxReport.Redactions[$kind] | Should -BeGreaterThan 0 -Because $kind
        }
    }

    It 'Linux bundle: gzip logs (named .gz or not) are in it, still gzip, and redacted inside' {
        foreach ($name in 'var/log/waagent.log.1.gz', 'var/log/waagent.log.2', 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log.1.gz') {
            $bytes = Get-EntryBytes $LinuxZip $name
            $bytes | Should -Not -BeNullOrEmpty -Because $name
            $bytes[0] | Should -Be 0x1F
            (Get-Texts $bytes)[0] | Should -Match 'sig=REDACTED'
        }
    }

    It 'Linux bundle: xz, bzip2 and zstd logs are left out with a line saying why, never copied' {
        foreach ($file in $Corpus.MustBeLeftOut) {
            Get-EntryBytes $LinuxZip $file | Should -BeNullOrEmpty -Because $file
            $LinuxReport.LeftOut | Where-Object { $_ -like "/${file}: *compressed*" } | Should -Not -BeNullOrEmpty -Because $file
        }
        $results = [System.Text.Encoding]::UTF8.GetString((Get-EntryBytes $LinuxZip 'AzBackupTroubleshoot.results.json')) | ConvertFrom-Json
        @($results.leftOut | Where-Object { $_ -like '*.zst: *' }).Count | Should -Be 2
    }

    It 'Linux bundle: the results file is valid JSON and the status message is there without its secrets' {
        $results = [System.Text.Encoding]::UTF8.GetString((Get-EntryBytes $LinuxZip 'AzBackupTroubleshoot.results.json')) | ConvertFrom-Json
        $status = $results.results | Where-Object { "$($_.Message) $($_.Evidence)" -match 'snapshot failed' }
        $status | Should -Not -BeNullOrEmpty
        "$($status.Message) $($status.Evidence)" | Should -Match 'REDACTED'
    }

    It 'verbose output, results on the pipeline and the HTML report hold no planted secret' {
        ($LinuxOut | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Where-Object { $_.Contains($Marker) } | Should -BeNullOrEmpty
        $results = Test-AzBackupAgentHealth -Path $Corpus.Root -Verbose 4>&1
        $results | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $_.Message } else { $_.Message; $_.Evidence; $_.Remediation } } |
            Where-Object { $_ -and $_.Contains($Marker) } | Should -BeNullOrEmpty
        $html = Join-Path $TestDrive 'corpus.html'
        $results | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | Export-AzBackupHealthReport -Path $html
        (Get-Content -Raw $html).Contains($Marker) | Should -BeFalse
    }

    It 'Windows bundle: no file holds a planted secret (capture, logs, UTF-16, gzip); zip and zstd logs are left out' {
        $capture = [AzBackupTroubleshoot.Core.Sources.Windows.CimCaptureSerializer]::Load($Corpus.Capture)
        $gateway = [AzBackupTroubleshoot.Core.Sources.Windows.ReplayCimGateway]::new($capture)
        $results = [AzBackupTroubleshoot.Core.Runners.WindowsHealthRunner]::new($null, $null, $null).RunAsync($gateway, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $logs = [AzBackupTroubleshoot.Core.Sources.Windows.WindowsAgentLogFiles]::new($Corpus.Drive, 'C:')
        $writer = [AzBackupTroubleshoot.Core.Sources.Windows.WindowsLogBundleWriter]::new([AzBackupTroubleshoot.Core.Platform.LibcFileMetadata]::new(), $null)
        $zip = Join-Path $TestDrive 'corpus-windows.zip'
        $report = $writer.WriteAsync($capture, $results, $logs, $zip, [Threading.CancellationToken]::None).GetAwaiter().GetResult()

        [System.IO.File]::ReadAllText($Corpus.Capture).Contains($Marker) | Should -BeTrue
        Find-Marker $zip | Should -BeNullOrEmpty
        Get-EntryBytes $zip 'AzBackupTroubleshoot.capture.json' | Should -Not -BeNullOrEmpty
        (Get-EntryBytes $zip "C/$($Corpus.WinPlanted[3])")[0] | Should -Be 0x1F
        foreach ($file in $Corpus.WinMustBeLeftOut) {
            Get-EntryBytes $zip "C/$file" | Should -BeNullOrEmpty -Because $file
            $report.LeftOut | Where-Object { $_ -like "C:\$($file.Replace('/', '\')): *compressed*" } | Should -Not -BeNullOrEmpty -Because $file
        }
        $report.Redactions['SasSignature'] | Should -BeGreaterThan 0
        # The redacted capture still parses: the bundle analyses like the capture it came from.
        @(Test-AzBackupAgentHealth -Path $zip -ErrorAction Stop).Count | Should -Be @($results).Count
    }
}
