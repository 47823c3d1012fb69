# Dot-sourced by the Azure Pester files: runs the ARM simulator (tests/ArmSimulator) as a child process on 127.0.0.1
# and points the Az.Accounts stand-in (tests/StubModules/Az.Accounts) at it.

function Start-ArmSimulator {
    param([int] $VmCount = 20, [Parameter(Mandatory)][string] $Token, [switch] $AsyncOperation,
        [ValidateSet('CanNotDelete', 'ReadOnly')][string] $LockBackupResourceGroup, [ValidateSet('CanNotDelete', 'ReadOnly')][string] $LockSubscription,
        [string[]] $ExtraArgument = @())
    $root = Split-Path -Parent $PSScriptRoot
    $dll = Get-ChildItem (Join-Path $root 'tests/ArmSimulator/bin') -Recurse -Filter 'ArmSimulator.dll' -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $dll) { throw 'tests/ArmSimulator is not built: run ./build.ps1 -Task Build first.' }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll.FullName, '--vms', "$VmCount", '--token', $Token)) { $psi.ArgumentList.Add($a) }
    if ($AsyncOperation) { $psi.ArgumentList.Add('--async-operation') }
    if ($LockBackupResourceGroup) { $psi.ArgumentList.Add('--lock-backup-rg'); $psi.ArgumentList.Add($LockBackupResourceGroup) }
    if ($LockSubscription) { $psi.ArgumentList.Add('--lock-subscription'); $psi.ArgumentList.Add($LockSubscription) }
    foreach ($a in $ExtraArgument) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait(60000) -or $read.Result -notmatch '^LISTENING (\S+)') {
        $process.Kill()
        throw "The ARM simulator did not start: $($read.Result)"
    }
    [pscustomobject]@{ Process = $process; Url = $Matches[1]; Subscription = '00000000-0000-0000-0000-000000000001' }
}

function Stop-ArmSimulator {
    param([Parameter(Mandatory)] $Simulator)
    $Simulator.Process.StandardInput.Close()
    if (-not $Simulator.Process.WaitForExit(10000)) { $Simulator.Process.Kill() }
    $Simulator.Process.Dispose()
}

function Get-ArmSimulatorRequest {
    param([Parameter(Mandatory)] $Simulator)
    (Invoke-WebRequest -Uri "$($Simulator.Url)_simulator/requests" -NoProxy -UseBasicParsing).Content | ConvertFrom-Json | ForEach-Object { $_ }
}

function Use-AzAccountsStub {
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)][string] $Token, [ValidateSet('SecureString', 'String')][string] $TokenType = 'SecureString')
    $env:AZBT_STUB_ARM_URL = $Simulator.Url
    $env:AZBT_STUB_SUBSCRIPTION = $Simulator.Subscription
    $env:AZBT_STUB_TOKEN = $Token
    $env:AZBT_STUB_TOKEN_TYPE = $TokenType
    $env:AZBT_STUB_NO_CONTEXT = $null
    Import-Module (Join-Path (Split-Path -Parent $PSScriptRoot) 'tests/StubModules/Az.Accounts/Az.Accounts.psd1') -Force -Global
}

function Clear-AzAccountsStub {
    Remove-Module Az.Accounts -Force -ErrorAction SilentlyContinue
    foreach ($n in 'AZBT_STUB_ARM_URL', 'AZBT_STUB_SUBSCRIPTION', 'AZBT_STUB_TOKEN', 'AZBT_STUB_TOKEN_TYPE', 'AZBT_STUB_NO_CONTEXT', 'AZBT_STUB_TOKEN_SECONDS',
        'AZBT_STUB_TENANT', 'AZBT_STUB_AD_RESOURCE', 'AZBT_STUB_TENANT_TOKENS') {
        Remove-Item "env:$n" -ErrorAction SilentlyContinue
    }
}

# The id of VM number $Index of the simulator's mixed fleet (tests/ArmSimulator/SimFleet.cs).
function Get-SimVmId {
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)][int] $Index)
    '/subscriptions/{0}/resourceGroups/rg-fleet-{1}/providers/Microsoft.Compute/virtualMachines/vm{2:D4}' -f $Simulator.Subscription, ($Index % 3), $Index
}
