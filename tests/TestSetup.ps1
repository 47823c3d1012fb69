# Dot-sourced by every Pester file: the module under test is the built one in out/.
$script:RepoRoot = Split-Path -Parent $PSScriptRoot
$script:ModuleDir = Join-Path $script:RepoRoot 'out/AzBackupTroubleshoot'
$script:ModuleManifest = Join-Path $script:ModuleDir 'AzBackupTroubleshoot.psd1'
if (-not (Test-Path $script:ModuleManifest)) {
    throw "The module is not built: run ./build.ps1 -Task Build first ($script:ModuleManifest is missing)."
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop

# How to start another PowerShell like this one: `dotnet pwsh` runs pwsh.dll under the dotnet host.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)][string] $Command)
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { & dotnet $dll -NoProfile -NonInteractive -Command $Command }
    else { & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -Command $Command }
}
