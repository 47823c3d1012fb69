# The packages build.ps1 -Task Package writes: a .nupkg PSResourceGet installs, and a zip for an Azure Automation upload.
# Everything happens under $TestDrive: the packaging and the install run in child processes whose HOME is a temporary
# folder, so the user's PSResourceGet repositories and module folders are never read or changed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Manifest = Import-PowerShellDataFile $ModuleManifest
    $script:Packages = Join-Path $TestDrive 'packages'
    $script:FakeHome = Join-Path $TestDrive 'home'
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    # Runs a command in a child pwsh whose HOME (hence its PSResourceGet settings and CurrentUser module folder) is
    # $FakeHome and whose module path holds only PowerShell's own modules and the temporary user folder.
    function Invoke-IsolatedPwsh([string] $Command) {
        foreach ($d in '.local/share', '.config', '.cache') { $null = New-Item -ItemType Directory -Path (Join-Path $FakeHome $d) -Force }
        $names = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $env:HOME = $FakeHome
            $env:XDG_DATA_HOME = $null; $env:XDG_CONFIG_HOME = $null; $env:XDG_CACHE_HOME = $null
            $env:PSModulePath = Join-Path $PSHOME 'Modules'
            Push-Location $TestDrive
            try { Invoke-ChildPwsh -Command "`$ErrorActionPreference = 'Stop'; $Command" }
            finally { Pop-Location }
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
    }

    function Get-ZipEntry([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
    }

    if (-not $IsWindows) {
        $script:PackageOutput = Invoke-IsolatedPwsh "& '$(Join-Path $RepoRoot 'build.ps1')' -Task Package -NoBuild -PackagePath '$Packages'"
        $script:PackageExit = $LASTEXITCODE
    }
}

Describe 'build.ps1 -Task Package' {
    BeforeEach {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'the isolated install redirects HOME, which sets the CurrentUser module folder on Linux and macOS only' }
    }

    It 'writes AzBackupTroubleshoot.zip and AzBackupTroubleshoot.(version).nupkg' {
        $PackageExit | Should -Be 0 -Because ($PackageOutput -join "`n")
        @(Get-ChildItem $Packages | ForEach-Object Name | Sort-Object) |
            Should -Be @("AzBackupTroubleshoot.$($Manifest.ModuleVersion).nupkg", 'AzBackupTroubleshoot.zip')
    }

    It 'lays the zip out as Azure Automation expects: the module folder, named after the module, at the root' {
        $entries = Get-ZipEntry (Join-Path $Packages 'AzBackupTroubleshoot.zip')
        $entries | ForEach-Object { $_ | Should -BeLike 'AzBackupTroubleshoot/*' }
        $entries | Should -Not -Match '\\'
        foreach ($file in 'AzBackupTroubleshoot.psd1', 'AzBackupTroubleshoot.dll', 'AzBackupTroubleshoot.Core.dll', 'Dependencies/System.Text.Json.dll',
            'AzBackupTroubleshoot.format.ps1xml', 'LICENSE', 'en-US/AzBackupTroubleshoot.dll-Help.xml', 'en-US/about_AzBackupTroubleshoot.help.txt') {
            $entries | Should -Contain "AzBackupTroubleshoot/$file"
        }
        # Exactly the built module: every file, help included.
        $built = Get-ChildItem $ModuleDir -Recurse -File | ForEach-Object { 'AzBackupTroubleshoot/' + [System.IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/') }
        @($entries | Where-Object { -not $_.EndsWith('/') } | Sort-Object) | Should -Be @($built | Sort-Object)
    }

    It 'gives the zip''s module a manifest that imports by name from the extracted folder' {
        $modules = Join-Path $TestDrive 'automation-modules'
        Expand-Archive -Path (Join-Path $Packages 'AzBackupTroubleshoot.zip') -DestinationPath $modules
        $command = "`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module AzBackupTroubleshoot; " +
            '(Get-Module AzBackupTroubleshoot).ModuleBase; @(Get-AzBackupFailureCause -ErrorCode BackUpOperationFailed).Count'
        $out = @(Invoke-IsolatedPwsh $command)
        $out[-2] | Should -Be (Join-Path $modules 'AzBackupTroubleshoot')
        [int]$out[-1] | Should -BeGreaterOrEqual 5
    }

    It 'puts the gallery metadata in the .nupkg' {
        $nupkg = Get-ChildItem $Packages -Filter '*.nupkg' | Select-Object -First 1
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try {
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'AzBackupTroubleshoot.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
            $files = @($zip.Entries | ForEach-Object FullName)
        }
        finally { $zip.Dispose() }
        $m = $nuspec.package.metadata
        $m.id | Should -Be 'AzBackupTroubleshoot'
        $m.version | Should -Be $Manifest.ModuleVersion
        $m.description | Should -Be $Manifest.Description
        $m.projectUrl | Should -Be $Manifest.PrivateData.PSData.ProjectUri
        $m.licenseUrl | Should -Be $Manifest.PrivateData.PSData.LicenseUri
        $m.releaseNotes | Should -Match 'Export-AzBackupHealthReport'
        $tags = $m.tags -split ' '
        foreach ($tag in 'Azure', 'Backup', 'Troubleshooting', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux') { $tags | Should -Contain $tag }
        foreach ($file in 'AzBackupTroubleshoot.psd1', 'AzBackupTroubleshoot.dll', 'AzBackupTroubleshoot.Core.dll', 'AzBackupTroubleshoot.format.ps1xml', 'LICENSE',
            'en-US/AzBackupTroubleshoot.dll-Help.xml', 'Dependencies/System.Text.Json.dll') {
            $files | Should -Contain $file
        }
    }

    It 'installs from a temporary local repository into a temporary module path, imports by name, runs a command and uninstalls' {
        $realStore = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
        $storeBefore = if (Test-Path $realStore) { (Get-FileHash $realStore).Hash }

        $installed = @(Invoke-IsolatedPwsh ("Register-PSResourceRepository -Name AzBackupTest -Uri '$Packages' -Trusted; " +
                'Install-PSResource AzBackupTroubleshoot -Repository AzBackupTest -TrustRepository -Scope CurrentUser; ' +
                '(Get-InstalledPSResource AzBackupTroubleshoot).InstalledLocation'))
        $LASTEXITCODE | Should -Be 0 -Because ($installed -join "`n")
        $installed[-1] | Should -BeLike "$FakeHome*"

        $run = @(Invoke-IsolatedPwsh ('Import-Module AzBackupTroubleshoot; ' +
                '[pscustomobject]@{ Base = (Get-Module AzBackupTroubleshoot).ModuleBase; Version = "$((Get-Module AzBackupTroubleshoot).Version)"; ' +
                'Causes = @(Get-AzBackupFailureCause -ErrorCode BackUpOperationFailed | ForEach-Object CauseId); ' +
                'Help = (Get-Help Export-AzBackupHealthReport).Synopsis } | ConvertTo-Json -Compress'))
        $LASTEXITCODE | Should -Be 0 -Because ($run -join "`n")
        $r = $run[-1] | ConvertFrom-Json
        $r.Base | Should -Be (Join-Path $FakeHome ".local/share/powershell/Modules/AzBackupTroubleshoot/$($Manifest.ModuleVersion)")
        $r.Version | Should -Be $Manifest.ModuleVersion
        $r.Causes[0..4] | Should -Be @('NoInternetAccess', 'WindowsAgentUnresponsive', 'LinuxAgentOutOfDate', 'SnapshotStatusUnavailable', 'BackupExtensionFailsToLoad')
        $r.Help | Should -BeLike 'Writes health check and repair results*'   # the help came with the package

        $left = @(Invoke-IsolatedPwsh 'Uninstall-PSResource AzBackupTroubleshoot; @(Get-Module -ListAvailable AzBackupTroubleshoot).Count')
        $LASTEXITCODE | Should -Be 0 -Because ($left -join "`n")
        [int]$left[-1] | Should -Be 0
        Test-Path (Join-Path $FakeHome '.local/share/powershell/Modules/AzBackupTroubleshoot') | Should -BeFalse

        # The repository lived in the temporary HOME; the real settings did not change.
        Test-Path (Join-Path $FakeHome '.local/share/PSResourceGet/PSResourceRepository.xml') | Should -BeTrue
        $storeAfter = if (Test-Path $realStore) { (Get-FileHash $realStore).Hash }
        $storeAfter | Should -Be $storeBefore
    }
}
