<#
.SYNOPSIS
    Builds, documents, tests, benchmarks and packages AzBackupTroubleshoot.
.DESCRIPTION
    Build   compiles the solution and lays out the importable module in out/AzBackupTroubleshoot/.
    Help    turns docs/*.md (platyPS schema) into en-US/ (MAML and about_ text) with the project's own generator.
    Test    Build (not Help: the committed en-US/ is what is tested), then runs xunit and Pester and prints one closing line: 'N passed, N failed[, N skipped]'.
            Exits non-zero when anything failed or when no test ran.
    Bench   runs every bench/*.bench.ps1 script (each prints its figures; see bench/RESULTS.md).
    Package Build + Help, then writes out/packages/: a .nupkg PSResourceGet installs and a zip for Azure Automation
            (AzBackupTroubleshoot.zip, the module folder at its root). -NoBuild packages the module already in out/, and
            -PackagePath writes elsewhere (tests/Package.Tests.ps1 uses both).
    Clean   removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Test', 'Bench', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package: where the .nupkg and the zip go.
    [string] $PackagePath = (Join-Path $PSScriptRoot 'out/packages'),

    # Package: package the module already laid out in out/ instead of building it first.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleName = 'AzBackupTroubleshoot'
$ModuleOut = Join-Path $Out $ModuleName

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Write-Host "==> Build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root "$ModuleName.sln"), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ModuleOut
    $bin = Join-Path $Root "src/$ModuleName/bin/$Configuration/netstandard2.0"
    # The module's two assemblies at the root; its private dependencies (System.Text.Json and its helpers, which only
    # Windows PowerShell 5.1 loads) in Dependencies/, where nothing but the module's own resolver looks for them.
    $own = "$ModuleName.dll", "$ModuleName.Core.dll"
    $dependencies = Join-Path $ModuleOut 'Dependencies'
    $null = New-Item -ItemType Directory -Path $dependencies
    foreach ($dll in Get-ChildItem $bin -Filter '*.dll') {
        Copy-Item $dll.FullName -Destination $(if ($own -contains $dll.Name) { $ModuleOut } else { $dependencies })
    }
    Copy-Item (Join-Path $Root "$ModuleName.psd1"), (Join-Path $Root "$ModuleName.format.ps1xml"), (Join-Path $Root 'LICENSE') -Destination $ModuleOut
    $helpOut = Join-Path $ModuleOut 'en-US'
    $null = New-Item -ItemType Directory -Path $helpOut
    Get-ChildItem (Join-Path $Root 'en-US') -File -ErrorAction SilentlyContinue | Copy-Item -Destination $helpOut
    Write-Host "    module laid out in $ModuleOut"
}

function Invoke-Help {
    Write-Host '==> Help (docs/ -> en-US/)'
    $generator = Join-Path $Root "src/$ModuleName.HelpGen/bin/$Configuration/net10.0/$ModuleName.HelpGen.dll"
    if (-not (Test-Path $generator)) {
        Invoke-Native dotnet @('build', (Join-Path $Root "src/$ModuleName.HelpGen"), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    }
    Invoke-Native dotnet @($generator, '--docs', (Join-Path $Root 'docs'), '--out', (Join-Path $Root 'en-US'))
    if (Test-Path $ModuleOut) {
        $helpOut = Join-Path $ModuleOut 'en-US'
        $null = New-Item -ItemType Directory -Path $helpOut -Force
        Get-ChildItem (Join-Path $Root 'en-US') -File | Copy-Item -Destination $helpOut -Force
    }
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/Tools/Tools.csproj'), '--nologo', '-v', 'quiet')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $cache.Trim() 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 6.2.0 was not found at $pester after restoring tests/Tools." }
    $pester
}

function Invoke-Test {
    $results = Join-Path $Out 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results

    Write-Host '==> xunit'
    # One run per test project (Core, HelpGen); their counts add up in the closing line.
    $x = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in "$ModuleName.Core.Tests", "$ModuleName.HelpGen.Tests") {
        $trx = "$project.trx"
        & dotnet test (Join-Path $Root "tests/$project") -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results
        $xunitExit = $LASTEXITCODE
        $trxPath = Join-Path $results $trx
        if (Test-Path $trxPath) {
            $counters = ([xml](Get-Content -Raw $trxPath)).TestRun.ResultSummary.Counters
            $x.Passed += [int]$counters.passed
            $x.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
            $x.Skipped += [int]$counters.notExecuted
        }
        elseif ($xunitExit -ne 0) {
            $x.Failed += 1
            Write-Host "xunit ($project) did not produce results: counted as one failure."
        }
    }

    # Before Pester: it installs tests/Kql, which tests/KqlQueries.Tests.ps1 uses too.
    $k = Invoke-KqlCheck -Results $results

    Write-Host '==> Pester'
    & (Join-Path $Root 'tests/Install-TestPrerequisites.ps1')
    $pester = Get-PesterPath
    $pesterJson = Join-Path $results 'pester-summary.json'
    $pesterScript = @'
param($Pester, $TestsPath, $Summary, $ResultXml)
$ErrorActionPreference = 'Stop'
Import-Module $Pester -MinimumVersion 6.2.0
$config = New-PesterConfiguration
$config.Run.Path = $TestsPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultXml
$r = Invoke-Pester -Configuration $config
@{ Passed = $r.PassedCount; Failed = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount; Skipped = $r.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $Summary
'@
    $scriptFile = Join-Path $results 'run-pester.ps1'
    Set-Content -Path $scriptFile -Value $pesterScript
    # Under `dotnet pwsh` the process is the dotnet host; start pwsh.dll the same way.
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $pwsh = if (Test-Path $pwshDll) { @('dotnet', $pwshDll) } else { @((Get-Process -Id $PID).Path) }
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $scriptFile -Pester $pester -TestsPath (Join-Path $Root 'tests') -Summary $pesterJson -ResultXml (Join-Path $results 'pester.xml')
    $p = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $pesterJson) {
        $s = Get-Content -Raw $pesterJson | ConvertFrom-Json
        $p.Passed = [int]$s.Passed; $p.Failed = [int]$s.Failed; $p.Skipped = [int]$s.Skipped
    }
    else {
        $p.Failed = 1
        Write-Host 'Pester did not produce results: counted as one failure.'
    }

    $passed = $x.Passed + $p.Passed + $k.Passed
    $failed = $x.Failed + $p.Failed + $k.Failed
    $skipped = $x.Skipped + $p.Skipped
    Write-Host ''
    Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed, $($x.Skipped) skipped; Pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped; KQL: $($k.Passed) passed, $($k.Failed) failed"
    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

# The Resource Graph queries (src/AzBackupTroubleshoot.Core/Arm/Queries/*.kql) through Microsoft's KQL parser
# (tests/Kql: npm @kusto/language-service-next, pinned by package-lock.json, under node 20 or later). A missing node,
# a failed install or an unreadable summary counts as one failure, never as a silent skip.
function Invoke-KqlCheck {
    param([Parameter(Mandatory)][string] $Results)
    Write-Host '==> KQL (tests/Kql)'
    $k = @{ Passed = 0; Failed = 0 }
    $kqlDir = Join-Path $Root 'tests/Kql'
    $node = Get-Command node -ErrorAction SilentlyContinue
    $version = if ($node) { (& node --version) -replace '^v', '' } else { $null }
    if (-not $version -or [version]$version -lt [version]'20.0') {
        Write-Host "node 20 or later is needed for the KQL check (found: $(if ($version) { $version } else { 'none' })): counted as one failure."
        $k.Failed = 1
        return $k
    }

    Push-Location $kqlDir
    # Out-Host: inside a function, a native command's output would otherwise become the function's return value.
    try { & npm ci --prefer-offline --no-audit --no-fund --loglevel=error | Out-Host }
    finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) {
        Write-Host 'npm ci in tests/Kql failed: counted as one failure.'
        $k.Failed = 1
        return $k
    }

    $summary = Join-Path $Results 'kql-summary.json'
    & node (Join-Path $kqlDir 'check-kql.js') --summary $summary | Out-Host
    if (Test-Path $summary) {
        $s = Get-Content -Raw $summary | ConvertFrom-Json
        $k.Passed = [int]$s.passed; $k.Failed = [int]$s.failed
    }
    else {
        Write-Host 'The KQL check wrote no summary: counted as one failure.'
        $k.Failed = 1
    }

    return $k
}

function Invoke-Bench {
    $scripts = Get-ChildItem (Join-Path $Root 'bench') -Filter '*.bench.ps1' | Sort-Object Name
    foreach ($script in $scripts) {
        Write-Host "==> bench: $($script.Name)"
        & $script.FullName -ModulePath $ModuleOut
    }
}

function Invoke-Package {
    Write-Host '==> Package'
    if (-not (Test-Path (Join-Path $ModuleOut "$ModuleName.psd1"))) {
        throw "The module is not built: run ./build.ps1 -Task Build first ($ModuleOut is missing)."
    }
    $PackagePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($PackagePath)
    $null = New-Item -ItemType Directory -Path $PackagePath -Force

    # Azure Automation: the zip, the folder at its root and the manifest in it all carry the module's name.
    $zip = Join-Path $PackagePath "$ModuleName.zip"
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path $ModuleOut -DestinationPath $zip
    Write-Host "    $zip"

    # PSResourceGet: a .nupkg with the manifest's metadata, made without registering a repository (so nothing in the
    # user's PSResourceGet settings changes). Publish it with Publish-PSResource -NupkgPath, or drop it in a folder
    # repository (Register-PSResourceRepository -Uri <folder>).
    Get-ChildItem $PackagePath -Filter "$ModuleName.*.nupkg" | Remove-Item -Force
    Import-Module Microsoft.PowerShell.PSResourceGet -MinimumVersion 1.1.0
    Compress-PSResource -Path $ModuleOut -DestinationPath $PackagePath
    Get-ChildItem $PackagePath -Filter "$ModuleName.*.nupkg" | ForEach-Object { Write-Host "    $($_.FullName)" }
}

function Invoke-Clean {
    Write-Host '==> Clean'
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' | Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-Build }
        'Help' { Invoke-Build; Invoke-Help }
        # No Help here: Module.Tests.ps1 checks the committed en-US/ against a fresh generation, so a stale en-US/ fails.
        'Test' { Invoke-Build; Invoke-Test }
        'Bench' { Invoke-Build; Invoke-Help; Invoke-Bench }
        'Package' { if (-not $NoBuild) { Invoke-Build; Invoke-Help }; Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
