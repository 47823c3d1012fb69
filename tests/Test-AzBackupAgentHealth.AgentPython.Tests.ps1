# -RunAgentPython reaches Linux.AgentPythonImport on the running machine. In an isolated child (tests/LinuxIsolation.ps1:
# its own mount and network namespaces) a unit folder is bound over /lib/systemd/system whose walinuxagent.service runs a
# stand-in "python" from a temp folder: a shell script that records each call and prints an ImportError. No real python
# and no real agent run; the host's /lib/systemd/system is untouched.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'LinuxIsolation.ps1')
    $script:CanIsolate = Test-Isolation
    function Get-Json([string] $Text) {
        $line = ($Text -split "`n" | Where-Object { $_ -like 'JSON:*' } | Select-Object -Last 1)
        if (-not $line) { throw "The child printed no JSON line:`n$Text" }
        $line.Substring(5) | ConvertFrom-Json
    }

    function New-AgentStandIn([string] $Body) {
        # Under the system temp folder (root's, sticky) with 0755 folders and a 0755 root-owned script: the reader's rules
        # for a python it may run. $TestDrive is not used: its parents need not be root's.
        $work = Join-Path ([System.IO.Path]::GetTempPath()) ('azbt-py-' + [guid]::NewGuid().ToString('N'))
        $units = Join-Path $work 'units'
        $null = New-Item -ItemType Directory -Path $units -Force
        $python = Join-Path $work 'python3'
        Set-Content -Path $python -NoNewline -Value "#!/bin/sh`nprintf '%s\n' `"`$*`" >> '$work/calls.log'`n$Body`n"
        Set-Content -Path (Join-Path $work 'waagent') -Value "#!/usr/bin/python3`nimport azurelinuxagent.agent`n"
        Set-Content -Path (Join-Path $units 'walinuxagent.service') -Value "[Service]`nExecStart=$python -u $work/waagent -daemon`nRestart=always`n"
        & chmod 755 $work $units $python
        [pscustomobject]@{ Work = $work; Units = $units; Log = Join-Path $work 'calls.log' }
    }
}

Describe 'Test-AzBackupAgentHealth -RunAgentPython' {
    It 'runs the agent''s python only with the switch: Failed naming the module, NotApplicable without it' {
        if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
        $stand = New-AgentStandIn "echo `"ModuleNotFoundError: No module named 'azurelinuxagent'`" >&2`nexit 1"
        try {
            $child = Invoke-Isolated -UnitFolder $stand.Units -Script @'
$without = Test-AzBackupAgentHealth -Check Linux.AgentPythonImport
$with = Test-AzBackupAgentHealth -Check Linux.AgentPythonImport -RunAgentPython
'JSON:' + (@{ Without = $without.Status.ToString(); WithoutMessage = $without.Message; With = $with.Status.ToString(); Message = $with.Message; Cause = $with.Cause.ToString(); Evidence = @($with.Evidence); Remediation = $with.Remediation } | ConvertTo-Json -Compress)
'@
            $out = Get-Json $child.Output
            $out.Without | Should -Be 'NotApplicable'
            $out.WithoutMessage | Should -Match '-RunAgentPython'
            $out.With | Should -Be 'Failed'
            $out.Cause | Should -Be 'AgentNotResponsive'
            $out.Message | Should -Match "the module 'azurelinuxagent' cannot be imported"
            $out.Evidence | Should -Contain ('ran {0}/python3 -B -c "import azurelinuxagent.agent"' -f $stand.Work)
            $out.Remediation | Should -Match 'walinuxagent'
            # One call, from the run with the switch, with exactly the import's arguments.
            @(Get-Content $stand.Log) | Should -Be @('-B -c import azurelinuxagent.agent')
        }
        finally {
            Remove-Item $stand.Work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'passes when the python imports, and refuses a python others can write (never running it)' {
        if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
        $good = New-AgentStandIn 'exit 0'
        $open = New-AgentStandIn 'exit 0'
        & chmod 777 (Join-Path $open.Work 'python3')
        try {
            $script = "`$r = Test-AzBackupAgentHealth -Check Linux.AgentPythonImport -RunAgentPython`n'JSON:' + (@{ Status = `$r.Status.ToString(); Message = `$r.Message } | ConvertTo-Json -Compress)"
            $passed = Get-Json (Invoke-Isolated -UnitFolder $good.Units -Script $script).Output
            $refused = Get-Json (Invoke-Isolated -UnitFolder $open.Units -Script $script).Output
            $passed.Status | Should -Be 'Passed'
            $refused.Status | Should -Be 'Error'
            $refused.Message | Should -Match 'can be written by its group or by others \(mode 0777\)'
            Test-Path $open.Log | Should -BeFalse
        }
        finally {
            Remove-Item $good.Work, $open.Work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'Save-AzBackupAgentLog -RunAgentPython records the failed import, and the bundle gives the same Failed offline' {
        if (-not $CanIsolate) { Set-ItResult -Skipped -Because 'unshare is not permitted here' }
        $stand = New-AgentStandIn "echo `"ModuleNotFoundError: No module named 'azurelinuxagent'`" >&2`nexit 1"
        try {
            $with = Join-Path $stand.Work 'with.zip'
            $without = Join-Path $stand.Work 'without.zip'
            $child = Invoke-Isolated -UnitFolder $stand.Units -Script @"
`$null = Save-AzBackupAgentLog -Destination '$with' -RunAgentPython
`$null = Save-AzBackupAgentLog -Destination '$without'
'JSON:' + (@{ Done = `$true } | ConvertTo-Json -Compress)
"@
            (Get-Json $child.Output).Done | Should -BeTrue
            # Read offline, outside the namespace: the stand-in python is not reachable here and nothing is run.
            $recorded = Test-AzBackupAgentHealth -Path $with -Check Linux.AgentPythonImport
            $recorded.Status | Should -Be 'Failed'
            $recorded.Message | Should -Match "the module 'azurelinuxagent' cannot be imported"
            $recorded.Evidence[0] | Should -Be 'recorded in /AzBackupTroubleshoot.facts.json when the bundle was written'
            $notAsked = Test-AzBackupAgentHealth -Path $without -Check Linux.AgentPythonImport -RunAgentPython
            $notAsked.Status | Should -Be 'NotApplicable'
            $notAsked.Message | Should -Match 'Save-AzBackupAgentLog -RunAgentPython records the result'
            # The python ran once: for the bundle that asked for it.
            @(Get-Content $stand.Log) | Should -Be @('-B -c import azurelinuxagent.agent')
        }
        finally {
            Remove-Item $stand.Work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'reports NotApplicable (live only) on every offline example that recorded no run, with or without the switch' {
        $examples = Join-Path $RepoRoot 'examples/linux'
        # agent-python-broken holds a bundle's record of a failed run (bundle format 3): its own row in the examples table.
        foreach ($dir in Get-ChildItem $examples -Directory | Where-Object Name -ne 'agent-python-broken') {
            $r = Test-AzBackupAgentHealth -Path $dir.FullName -Check Linux.AgentPythonImport -RunAgentPython
            $r.Status | Should -Be 'NotApplicable' -Because $dir.Name
            $r.Message | Should -Match 'only on the live machine'
        }
    }
}
