BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ExampleFleet.ps1')

    $script:Fleet = @(New-ExampleFleetResult -TargetCount 12 -SickShare 0.6)
    $script:HealthCheckResult = [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]
    $script:RepairResult = [AzBackupTroubleshoot.Core.Repairs.RepairResult]

    # The number an element with this id shows, e.g. <dd id="count-Failed" ...>12</dd>.
    function Get-Count([string] $Html, [string] $Id) {
        $m = [regex]::Match($Html, "<dd id=""$Id""[^>]*>(\d+)</dd>")
        if (-not $m.Success) { throw "No element with id '$Id' in the report." }
        [int]$m.Groups[1].Value
    }
}

Describe 'Export-AzBackupHealthReport' {
    Context 'happy path' {
        It 'writes one HTML file with the counts the results imply and returns nothing without -PassThru' {
            $path = Join-Path $TestDrive 'fleet.html'
            $out = $Fleet | Export-AzBackupHealthReport -Path $path
            $out | Should -BeNullOrEmpty
            $html = Get-Content -Raw $path
            $html | Should -Match '^<!DOCTYPE html>'
            Get-Count $html 'count-targets' | Should -Be 12
            Get-Count $html 'count-results' | Should -Be $Fleet.Count
            foreach ($status in 'Passed', 'Warning', 'Failed', 'NotApplicable', 'Error') {
                Get-Count $html "count-$status" | Should -Be @($Fleet | Where-Object Status -EQ $status).Count -Because "$status results"
            }
        }

        It 'returns the file with -PassThru' {
            $path = Join-Path $TestDrive 'passthru.html'
            $file = $Fleet | Export-AzBackupHealthReport -Path $path -PassThru
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.FullName | Should -Be $path
            $file.Length | Should -BeGreaterThan 10KB
        }

        It 'resolves a relative path against the current location and uses -Title' {
            Push-Location $TestDrive
            try {
                $file = $Fleet | Export-AzBackupHealthReport 'relative.html' -Title 'Contoso <prod>' -PassThru
            }
            finally { Pop-Location }
            $file.FullName | Should -Be (Join-Path $TestDrive 'relative.html')
            Get-Content -Raw $file.FullName | Should -Match '<title>Contoso &lt;prod&gt;</title>'
        }

        It 'replaces an existing report and leaves no temporary file behind' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'replace')
            $path = Join-Path $folder 'report.html'
            Set-Content -Path $path -Value 'old report'
            $Fleet | Export-AzBackupHealthReport -Path $path
            Get-Content -Raw $path | Should -Match '^<!DOCTYPE html>'
            @(Get-ChildItem $folder -Force).Name | Should -Be @('report.html')
        }

        It 'writes a valid report with a warning when nothing was piped' {
            $path = Join-Path $TestDrive 'empty.html'
            @() | Export-AzBackupHealthReport -Path $path -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1
            Get-Count (Get-Content -Raw $path) 'count-targets' | Should -Be 0
        }

        It 'does not open anything without a desktop session, and says so' {
            $saved = $env:DISPLAY, $env:WAYLAND_DISPLAY
            $env:DISPLAY = $null; $env:WAYLAND_DISPLAY = $null
            try {
                if (-not $IsLinux) { Set-ItResult -Skipped -Because 'the no-desktop case exists only on Linux'; return }
                $Fleet | Export-AzBackupHealthReport -Path (Join-Path $TestDrive 'open.html') -Open -WarningVariable warnings -WarningAction SilentlyContinue
                $warnings.Count | Should -Be 1
                "$($warnings[0])" | Should -Match 'written but not opened: there is no desktop session'
                Test-Path (Join-Path $TestDrive 'open.html') | Should -BeTrue
            }
            finally { $env:DISPLAY, $env:WAYLAND_DISPLAY = $saved }
        }
    }

    Context 'pipeline input' {
        It 'takes results and repairs mixed in one pipeline, and -InputObject' {
            $repair = $RepairResult::new('vm-lnx-0001', 'RestartAgent', 'Repaired', 'walinuxagent restarted', $null)
            $path = Join-Path $TestDrive 'mixed.html'
            @($Fleet) + $repair | Export-AzBackupHealthReport -Path $path
            $html = Get-Content -Raw $path
            Get-Count $html 'count-repair-Repaired' | Should -Be 1
            $html | Should -Match 'walinuxagent restarted'

            $path2 = Join-Path $TestDrive 'inputobject.html'
            Export-AzBackupHealthReport -Path $path2 -InputObject $Fleet
            Get-Count (Get-Content -Raw $path2) 'count-results' | Should -Be $Fleet.Count
        }

        It 'takes results that were serialized (Export-Clixml, ConvertTo-Json) as from a remote job' {
            $xml = Join-Path $TestDrive 'results.clixml'
            $Fleet | Export-Clixml -Path $xml
            $fromXml = Import-Clixml -Path $xml
            $fromXml[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.AzBackupTroubleshoot.Core.Checks.HealthCheckResult'
            $fromJson = $Fleet | ConvertTo-Json -Depth 3 | ConvertFrom-Json
            foreach ($copy in @{ Name = 'clixml'; Items = $fromXml }, @{ Name = 'json'; Items = $fromJson }) {
                $path = Join-Path $TestDrive "$($copy.Name).html"
                $copy.Items | Export-AzBackupHealthReport -Path $path -ErrorVariable errs
                $errs.Count | Should -Be 0
                $html = Get-Content -Raw $path
                Get-Count $html 'count-results' | Should -Be $Fleet.Count
                Get-Count $html 'count-Failed' | Should -Be @($Fleet | Where-Object Status -EQ 'Failed').Count
            }
        }
    }

    Context 'errors' {
        It 'writes ReportInputInvalid (InvalidType) for other objects and reports the rest' {
            $path = Join-Path $TestDrive 'partial.html'
            @('a string', $Fleet[0], [pscustomobject]@{ Name = 'x' }) |
                Export-AzBackupHealthReport -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -Be 'ReportInputInvalid,AzBackupTroubleshoot.Commands.ExportAzBackupHealthReportCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
            $errs[0].TargetObject | Should -Be 'a string'
            Get-Count (Get-Content -Raw $path) 'count-results' | Should -Be 1
        }

        It 'throws ReportPathInvalid (<Category>) for <Case>, writing nothing' -ForEach @(
            @{ Case = 'a missing folder'; Category = 'ObjectNotFound'; Path = { Join-Path $TestDrive 'no/such/folder/r.html' } }
            @{ Case = 'a folder'; Category = 'InvalidArgument'; Path = { $TestDrive } }
            @{ Case = 'another provider'; Category = 'InvalidArgument'; Path = { 'Variable:/report' } }
            @{ Case = 'a missing drive'; Category = 'ObjectNotFound'; Path = { 'NoSuchDrive:/r.html' } }
        ) {
            $target = & $Path
            $before = @(Get-ChildItem $TestDrive -Recurse -Force).Count
            { $Fleet | Export-AzBackupHealthReport -Path $target -ErrorAction Stop } | Should -Throw -ErrorId 'ReportPathInvalid,AzBackupTroubleshoot.Commands.ExportAzBackupHealthReportCommand'
            try { $Fleet | Export-AzBackupHealthReport -Path $target -ErrorAction Stop } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be $Category
            $err.TargetObject | Should -Be $target
            @(Get-ChildItem $TestDrive -Recurse -Force).Count | Should -Be $before
            Test-Path Variable:/report | Should -BeFalse
        }

        It 'throws ReportWriteFailed (WriteError) when the folder cannot be written, leaving nothing behind' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because 'uses /proc, where no file can be created'; return }
            try { $Fleet | Export-AzBackupHealthReport -Path '/proc/azbackup-report.html' -ErrorAction Stop } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be 'ReportWriteFailed,AzBackupTroubleshoot.Commands.ExportAzBackupHealthReportCommand'
            $err.CategoryInfo.Category | Should -Be 'WriteError'
            @(Get-ChildItem /proc -Filter '*azbackup-report*' -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
    }

    Context '-WhatIf' {
        It 'writes nothing and leaves an existing file as it was' {
            $path = Join-Path $TestDrive 'whatif.html'
            $Fleet | Export-AzBackupHealthReport -Path $path -WhatIf
            Test-Path $path | Should -BeFalse
            Set-Content -Path $path -Value 'keep me'
            $Fleet | Export-AzBackupHealthReport -Path $path -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-Content -Raw $path | Should -Be "keep me$([Environment]::NewLine)"
        }
    }

    Context 'output type and encoding' {
        It 'declares FileInfo as its output type' {
            (Get-Command Export-AzBackupHealthReport).OutputType.Type | Should -Contain ([System.IO.FileInfo])
        }

        It 'writes UTF-8 without a byte order mark and keeps non-ASCII names' {
            $path = Join-Path $TestDrive 'utf8.html'
            $HealthCheckResult::new('vm-ñandú-東京', 'Linux.AgentService', 'AgentNotResponsive', 'Failed', 'Ünïcödé message') |
                Export-AzBackupHealthReport -Path $path
            $bytes = [System.IO.File]::ReadAllBytes($path)
            $bytes[0..2] | Should -Not -Be @(0xEF, 0xBB, 0xBF)
            $html = [System.Text.Encoding]::UTF8.GetString($bytes)
            $html | Should -Match '<meta charset="utf-8">'
            [System.Net.WebUtility]::HtmlDecode($html) | Should -Match 'vm-ñandú-東京'
            [System.Net.WebUtility]::HtmlDecode($html) | Should -Match 'Ünïcödé message'
        }

        It 'encodes markup in every text that comes from a result' {
            $evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
            $path = Join-Path $TestDrive 'evil.html'
            $HealthCheckResult::new($evil, 'Linux.AgentService', 'AgentNotResponsive', 'Failed', $evil, [string[]]@($evil), $evil) |
                Export-AzBackupHealthReport -Path $path
            $html = Get-Content -Raw $path
            $html | Should -Not -Match '<script>alert|<img'
            ([regex]::Matches($html, '<script>')).Count | Should -Be 1
            $html | Should -Match ([regex]::Escape('<span class="name">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</span>'))
        }

        It 'hostile input (issue 11): shows direction controls as visible escapes and never writes them' {
            $rlo = [string][char]0x202E; $lri = [string][char]0x2066; $lrm = [string][char]0x200E
            $name = "vm-${rlo}gol.exe"
            $path = Join-Path $TestDrive 'bidi.html'
            $HealthCheckResult::new($name, 'Linux.AgentService', 'AgentNotResponsive', 'Failed', "agent ${lri}stopped${lrm}", [string[]]@("line ${rlo}x")) |
                Export-AzBackupHealthReport -Path $path
            $html = [System.IO.File]::ReadAllText($path)
            foreach ($c in 0x202A..0x202E + 0x2066..0x2069 + 0x200E, 0x200F) { $html.Contains([string][char]$c) | Should -BeFalse }
            $html | Should -Match ([regex]::Escape('vm-\u202Egol.exe'))
            $html | Should -Match ([regex]::Escape('agent \u2066stopped\u200E'))
        }
    }
}

Describe 'Export-AzBackupHealthReport in headless Chromium' {
    BeforeAll {
        $script:Chromium = Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
        $script:NoBrowser = 'no chromium on PATH (build.ps1 -Task Test installs Debian''s chromium when it runs as root with apt-get)'

        # Every request Chromium makes goes to a dead loopback proxy and no host name resolves: the only traffic is to
        # 127.0.0.1. (Chromium itself tries to reach Google's update and account servers despite the --disable flags.)
        $script:ChromiumArgs = @(
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
            '--disable-component-update', '--disable-sync', '--disable-default-apps', '--hide-scrollbars',
            '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9',
            "--user-data-dir=$(Join-Path $TestDrive 'chromium-profile')"
        )

        function Invoke-Chromium([string[]] $Arguments, [int] $TimeoutSeconds = 120) {
            $psi = [System.Diagnostics.ProcessStartInfo]::new($Chromium)
            foreach ($a in $ChromiumArgs + $Arguments) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $p = [System.Diagnostics.Process]::Start($psi)
            $stdout = $p.StandardOutput.ReadToEndAsync()
            $null = $p.StandardError.ReadToEndAsync()
            if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
                $p.Kill($true)
                throw "chromium did not finish in $TimeoutSeconds s: $($Arguments -join ' ')"
            }
            $stdout.Result
        }

        # Network requests a page made, from a Chromium net log: their initiator is the page's (opaque, "null") file origin.
        # Chromium's own background requests have no initiator ("not an origin").
        function Get-PageRequest([string] $NetLog) {
            $log = Get-Content -Raw $NetLog | ConvertFrom-Json
            $start = $log.constants.logEventTypes.URL_REQUEST_START_JOB
            $log.events | Where-Object { $_.type -eq $start -and $_.params.initiator -and $_.params.initiator -ne 'not an origin' } |
                ForEach-Object { $_.params.url }
        }

        $script:Evil = "<script>document.title='pwned'</script>"
        $script:BrowserFleet = @(New-ExampleFleetResult -TargetCount 50) +
            $HealthCheckResult::new($Evil, 'Linux.AgentService', 'AgentNotResponsive', 'Failed', 'walinuxagent is inactive')
        $script:Report = Join-Path $TestDrive 'browser-fleet.html'
        $BrowserFleet | Export-AzBackupHealthReport -Path $Report -Title 'Example fleet'
        $script:Url = [System.Uri]::new($Report).AbsoluteUri
        $script:Dom = if ($Chromium) { Invoke-Chromium @('--dump-dom', $Url) }
    }

    It 'renders the counts the results imply' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        Get-Count $Dom 'count-targets' | Should -Be 51
        Get-Count $Dom 'count-results' | Should -Be $BrowserFleet.Count
        foreach ($status in 'Passed', 'Warning', 'Failed', 'NotApplicable', 'Error') {
            Get-Count $Dom "count-$status" | Should -Be @($BrowserFleet | Where-Object Status -EQ $status).Count -Because "$status results"
        }
        ([regex]::Matches($Dom, '<details class="target" id="t\d+"')).Count | Should -Be 51
    }

    It 'renders a 1,000-target report (under 2 MB) with the counts the results imply' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $big = @(New-ExampleFleetResult -TargetCount 1000)
        $path = Join-Path $TestDrive 'fleet-1000.html'
        $file = Export-AzBackupHealthReport -Path $path -InputObject $big -PassThru
        $file.Length | Should -BeLessThan 2000000
        $dom = Invoke-Chromium @('--dump-dom', [System.Uri]::new($path).AbsoluteUri)
        Get-Count $dom 'count-targets' | Should -Be 1000
        Get-Count $dom 'count-Failed' | Should -Be @($big | Where-Object Status -EQ 'Failed').Count
        $dom | Should -Match '1000 of 1000 targets shown'
    }

    It 'has one section per cause present' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $sections = [regex]::Matches($Dom, '<section class="cause[^"]*" id="cause-(\w+)"') | ForEach-Object { $_.Groups[1].Value }
        @($sections | Sort-Object) | Should -Be @($BrowserFleet.Cause | ForEach-Object ToString | Sort-Object -Unique)
    }

    It 'shows the filter controls, made live by its inline script' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $Dom | Should -Match '<form id="filters" role="search">'   # the script removed "hidden": the CSP let it run
        $Dom | Should -Match '<select id="filter-status">'
        $Dom | Should -Match '<select id="filter-cause">'
        $Dom | Should -Match '<input id="filter-target" type="search"'
        $Dom | Should -Match '<output id="filter-count" aria-live="polite">51 of 51 targets shown</output>'
    }

    It 'filters by status, cause and name (from the address) in the browser' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $expected = @($BrowserFleet | Where-Object { $_.Status -eq 'Failed' -and $_.Cause -eq 'NoNetworkAccess' } | Select-Object -ExpandProperty Target -Unique)
        $expected.Count | Should -BeGreaterThan 0
        $filtered = Invoke-Chromium @('--dump-dom', "$($Url)?status=Failed&cause=NoNetworkAccess")
        $filtered | Should -Match "<output id=""filter-count"" aria-live=""polite"">$($expected.Count) of 51 targets shown</output>"
        $visible = [regex]::Matches($filtered, '<details class="target" id="t\d+"><summary>.*?<span class="name">([^<]*)</span>') | ForEach-Object { $_.Groups[1].Value }
        @($visible | Sort-Object) | Should -Be @($expected | Sort-Object)
        ([regex]::Matches($filtered, '<section class="cause[^"]*" id="cause-\w+" data-c="\w+">')).Count | Should -Be 1

        $byName = Invoke-Chromium @('--dump-dom', "$($Url)?target=vm-win-")
        $windows = @($BrowserFleet.Target | Where-Object { $_ -like 'vm-win-*' } | Sort-Object -Unique)
        $byName | Should -Match "$($windows.Count) of 51 targets shown"
    }

    It 'shows a script tag injected in a VM name as text' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $Dom | Should -Match ([regex]::Escape('<span class="name">&lt;script&gt;document.title=''pwned''&lt;/script&gt;</span>'))
        $Dom | Should -Match '<title>Example fleet</title>'
        ([regex]::Matches($Dom, '<script[\s>]')).Count | Should -Be 1
    }

    It 'makes no network request and names no other host' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $Dom | Should -Not -Match '(?i)\s(src|href)\s*=\s*"(https?:)?//'
        $Dom | Should -Not -Match '(?i)<(link|img|iframe|object|embed)\b'

        $netLog = Join-Path $TestDrive 'report.netlog.json'
        $null = Invoke-Chromium @("--log-net-log=$netLog", '--dump-dom', $Url)
        @(Get-PageRequest $netLog) | Should -BeNullOrEmpty

        # The same check sees the requests of a page that does load something (through the dead loopback proxy).
        $control = Join-Path $TestDrive 'control.html'
        Set-Content -Path $control -Value '<!DOCTYPE html><html><body><img src="http://203.0.113.7/pixel.png"></body></html>'
        $controlLog = Join-Path $TestDrive 'control.netlog.json'
        $null = Invoke-Chromium @("--log-net-log=$controlLog", '--dump-dom', [System.Uri]::new($control).AbsoluteUri)
        @(Get-PageRequest $controlLog) | Should -Contain 'http://203.0.113.7/pixel.png'
    }

    It 'takes a screenshot, kept in out/TestResults/report.png' {
        if (-not $Chromium) { Set-ItResult -Skipped -Because $NoBrowser; return }
        $results = Join-Path $RepoRoot 'out/TestResults'
        $null = New-Item -ItemType Directory -Path $results -Force
        $png = Join-Path $results 'report.png'
        Remove-Item $png -ErrorAction SilentlyContinue
        $null = Invoke-Chromium @("--screenshot=$png", '--window-size=1280,2200', $Url)
        $bytes = [System.IO.File]::ReadAllBytes($png)
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        # IHDR: width and height, big-endian, at bytes 16-23.
        $bigEndian = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
        & $bigEndian 16 | Should -Be 1280
        & $bigEndian 20 | Should -Be 2200
        $bytes.Length | Should -BeGreaterThan 50KB
    }
}
