<#
.SYNOPSIS
    Installs what the tests need and this machine can install: Debian's chromium for the report's browser tests.
.DESCRIPTION
    Called by build.ps1 -Task Test before Pester. Acts only on Linux, as root, with apt-get, when no chromium is on PATH.
    It never fails the build: when chromium cannot be installed, the browser tests skip and say why.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

if (-not $IsLinux -or (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue)) { return }
if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) {
    Write-Host 'chromium is missing and there is no apt-get: the browser tests will be skipped.'
    return
}
if ((& id -u) -ne '0') {
    Write-Host 'chromium is missing and installing it needs root (apt-get install chromium): the browser tests will be skipped.'
    return
}

Write-Host '==> Installing Debian''s chromium for the browser tests (apt-get)'
$env:DEBIAN_FRONTEND = 'noninteractive'
$log = [System.IO.Path]::GetTempFileName()
try {
    & apt-get install -y -q --no-install-recommends chromium *> $log
    if ($LASTEXITCODE -ne 0) {
        # The package lists may be missing or stale (a fresh container).
        & apt-get update -q *> $log
        & apt-get install -y -q --no-install-recommends chromium *> $log
    }
    if ($LASTEXITCODE -ne 0) {
        Write-Host "chromium could not be installed (apt-get exit code $LASTEXITCODE): the browser tests will be skipped. Last lines:"
        Get-Content $log -Tail 5 | ForEach-Object { Write-Host "    $_" }
    }
}
finally {
    Remove-Item $log -ErrorAction SilentlyContinue
}
