# Ctrl+C: PowerShell.Stop() is what the console's Ctrl+C calls (StopProcessing). A long fleet scan against the local ARM
# simulator (slow on purpose: 600 VMs, 200 ms a request, ARM's token bucket) must stop, and stop sending requests.
# How fast it stops is measured in bench/, not asserted here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ArmSimulatorProcess.ps1')
    $script:Secret = 'AZBT-CANCEL-SECRET-51f2'
    $script:Sim = Start-ArmSimulator -VmCount 600 -Token $Secret -ExtraArgument '--latency-ms', '200'
    Use-AzAccountsStub -Simulator $Sim -Token $Secret
}

AfterAll {
    Clear-AzAccountsStub
    if ($Sim) { Stop-ArmSimulator $Sim }
}

Describe 'Stopping a long run (Ctrl+C)' {
    It 'stops a subscription scan mid-scan, with the pipeline reported as stopped and no request sent after it' {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule([string[]]@($ModuleManifest, (Join-Path $RepoRoot 'tests/StubModules/Az.Accounts/Az.Accounts.psd1')))
        $runspace = [runspacefactory]::CreateRunspace($iss)
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.AddCommand('Test-AzBackupAgentHealth').AddParameter('SubscriptionId', $Sim.Subscription).AddParameter('Detail', 'All')
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()   # an open input collection would make the cmdlet wait for pipeline input
            $null = $ps.BeginInvoke($noInput, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($output.Count -lt 10 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $output.Count | Should -BeGreaterOrEqual 10 -Because 'the scan is under way'
            $ps.InvocationStateInfo.State | Should -Be 'Running'

            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # Requests in flight when Stop() returned may still land; after that, nothing more is sent.
            # (2 s for them to land: on a loaded machine a request already sent can take that long.)
            Start-Sleep -Milliseconds 2000
            $settled = @(Get-ArmSimulatorRequest $Sim).Count
            Start-Sleep -Milliseconds 1000
            @(Get-ArmSimulatorRequest $Sim).Count | Should -Be $settled
            # 600 VMs x 14 checks would be 8,400 results; a stopped scan has far fewer than half of them.
            $output.Count | Should -BeLessThan 4200
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }
}
