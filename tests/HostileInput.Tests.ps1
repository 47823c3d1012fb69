# The file side of the hostile-input corpus (issue 11): every case of tests/New-HostileCorpus.ps1 -Category Files ends
# safely: no write outside the root (the 'outside' folder is hashed before and after), no hang past a bound (each run is
# a [powershell] in its own runspace, stopped with Stop() at the bound), one Error result or one error record with a
# stable id, and the healthy root piped after the hostile input still gets its results.
BeforeDiscovery {
    $script:Corpus = Join-Path ([System.IO.Path]::GetTempPath()) ('abt-hostile-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:Cases = @(& (Join-Path $PSScriptRoot 'New-HostileCorpus.ps1') -Path $Corpus -Category Files | ForEach-Object {
            $h = @{}
            foreach ($p in $_.PSObject.Properties) { $h[$p.Name] = $p.Value }
            $h
        })
}

Describe 'Hostile file inputs end safely' -Tag HostileInput -ForEach @(@{ Corpus = $Corpus; Cases = $Cases }) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $script:Healthy = Join-Path $RepoRoot 'examples/linux/healthy'
        $script:Bound = [TimeSpan]::FromSeconds(120) # a hang is the failure; slowness is measured in bench/, not here
        $script:Outside = Join-Path $Corpus 'outside'

        function Get-TreeHash([string] $Folder) {
            $lines = Get-ChildItem -LiteralPath $Folder -Recurse -Force | Sort-Object FullName | ForEach-Object {
                $content = if (-not $_.PSIsContainer -and -not $_.LinkTarget) { (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash }
                "$($_.FullName)|$($_.LinkTarget)|$content"
            }
            $bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
            [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes))
        }

        # Runs $Script in a runspace of its own with the module; at the bound the run is stopped with Stop().
        function Invoke-Bounded([scriptblock] $Script, [object[]] $Arguments = @()) {
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            $ps = [powershell]::Create()
            $ps.Runspace = $runspace
            try {
                $null = $ps.AddScript("Import-Module '$ModuleManifest' -ErrorAction Stop").AddStatement().AddScript($Script.ToString())
                foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $completed = $async.AsyncWaitHandle.WaitOne($Bound)
                $stopped = $true
                if (-not $completed) { $stopped = $ps.BeginStop($null, $null).AsyncWaitHandle.WaitOne($Bound) }
                [pscustomobject]@{
                    Completed = $completed
                    Stopped   = $stopped
                    Output    = @($output)
                    Errors    = @($ps.Streams.Error)
                }
            }
            finally {
                $ps.Dispose()
                $runspace.Dispose()
            }
        }

        $script:OutsideBefore = Get-TreeHash $Outside
    }

    AfterAll {
        if (Test-Path -LiteralPath $Corpus) {
            & chmod -R u+rwx $Corpus
            Remove-Item -LiteralPath $Corpus -Recurse -Force
        }
    }

    It '<Name>: one Error result for <Check>, the next root still gets its results' -ForEach ($Cases | Where-Object { $_.Expect -eq 'CheckError' -and -not $_.BindMount -and -not $_.Unprivileged }) {
        $run = Invoke-Bounded { param($p, $h) $p, $h | Test-AzBackupAgentHealth } $Path, $Healthy
        $run.Completed | Should -BeTrue -Because 'no read may wait on a FIFO or read a device forever'
        $run.Errors | Should -BeNullOrEmpty
        $mine = @($run.Output | Where-Object { $_.Target -eq $Path -and $_.CheckId -eq $Check })
        $mine.Status | Should -Contain 'Error'
        @($run.Output | Where-Object Target -eq $Path).Count | Should -BeGreaterThan 10 -Because 'every other check still reports'
        @($run.Output | Where-Object Target -eq $Healthy).Count | Should -BeGreaterThan 10
    }

    It '<Name>: /dev/zero as the agent log is an Error, not a loop (bind mount in a private mount namespace)' -ForEach ($Cases | Where-Object BindMount) {
        $file = Join-Path $Path $BindMount
        $command = "Import-Module '$ModuleManifest'; Test-AzBackupAgentHealth -Path '$Path' | Where-Object CheckId -eq '$Check' | ForEach-Object { `$_.Status.ToString() + '|' + `$_.Message }"
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $out = & timeout --kill-after=10 $Bound.TotalSeconds unshare -m --propagation private sh -c 'mount --bind /dev/zero "$1" && shift && exec "$@"' sh $file dotnet $pwshDll -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0 -Because 'exit 124 would mean the read never ended'
        ($out -join "`n") | Should -Match '^Error\|.*/var/log/waagent.log.*character device'
        (& stat -c %F $file) | Should -Be 'regular file' -Because 'the bind mount lived only in its namespace'
    }

    It '<Name>: <Folder> that cannot be listed is an Error for <Check> naming it, not an empty folder (no capabilities: user namespace, uid 1000)' -ForEach ($Cases | Where-Object Unprivileged) {
        $command = "Import-Module '$ModuleManifest'; Test-AzBackupAgentHealth -Path '$Path' | Where-Object CheckId -eq '$Check' | ForEach-Object { `$_.Status.ToString() + '|' + `$_.Message }"
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $out = & timeout --kill-after=10 $Bound.TotalSeconds unshare -U --map-user=1000 --map-group=1000 dotnet $pwshDll -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
        ($out -join "`n") | Should -Match ('^Error\|Could not read ' + [regex]::Escape($Folder) + ': the folder cannot be listed \(permission denied\)')
        ($out -join "`n") | Should -Not -Match '(^|\n)Failed\|' -Because 'no Failed verdict may be drawn from a folder that could not be read'
    }

    It 'unreadable-lib-dir: a file under a folder that cannot be searched is an Error naming it, not an absent file (uid 1000)' {
        $case = $Cases | Where-Object Name -eq 'unreadable-lib-dir'
        $command = "Import-Module '$ModuleManifest'; Test-AzBackupAgentHealth -Path '$($case.Path)' | Where-Object CheckId -eq 'Linux.DhcpWireServer' | ForEach-Object { `$_.Status.ToString() + '|' + `$_.Message; 'Remediation|' + `$_.Remediation }"
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $out = & timeout --kill-after=10 $Bound.TotalSeconds unshare -U --map-user=1000 --map-group=1000 dotnet $pwshDll -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
        $out | Should -Contain 'Error|Could not read /var/lib/waagent/WireServerEndpoint: cannot be read: permission denied (a folder above it cannot be searched).'
        # The advice is about access: the check's own advice on the file's content (delete it) would act on a file nobody read.
        $lines = @($out)
        $at = [array]::IndexOf($lines, 'Error|Could not read /var/lib/waagent/WireServerEndpoint: cannot be read: permission denied (a folder above it cannot be searched).')
        $lines[$at + 1] | Should -BeLike 'Remediation|*'
        $lines[$at + 1] | Should -Match 'run the command elevated \(root\), or give the account read access'
        $lines[$at + 1] | Should -Not -Match '(?i)delete'
    }

    It '<Name>: one <ErrorId> error record, the next input still gets its results' -ForEach ($Cases | Where-Object { $_.Expect -eq 'ErrorRecord' -and $_.Command -like 'Test-AzBackupAgentHealth*' }) {
        $run = Invoke-Bounded { param($p, $h) $p, $h | Test-AzBackupAgentHealth } $Path, $Healthy
        $run.Completed | Should -BeTrue
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $run.Errors[0].TargetObject | Should -Not -BeNullOrEmpty
        @($run.Output | Where-Object Target -eq $Healthy).Count | Should -BeGreaterThan 10
    }

    It 'fifo-servicetags: a FIFO as the Service Tags file is ServiceTagFileUnreadable, not a hang (-WhatIf)' {
        $case = $Cases | Where-Object Name -eq 'fifo-servicetags'
        $run = Invoke-Bounded { param($p) try { Add-AzDatacenterRoute -ServiceTagFile $p -ServiceTag Storage -WhatIf -ErrorAction Stop } catch { $_ } } $case.Path
        $run.Completed | Should -BeTrue
        $record = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $record.Count | Should -Be 1
        $record[0].FullyQualifiedErrorId | Should -BeLike 'ServiceTagFileUnreadable,*'
    }

    It 'fifo-destination: Save-AzBackupAgentLog -Force leaves the FIFO and writes DestinationNotRegularFile' {
        $case = $Cases | Where-Object Name -eq 'fifo-destination'
        $run = Invoke-Bounded { param($p, $h) try { Save-AzBackupAgentLog -Path $h -Destination $p -Force -ErrorAction Stop } catch { $_ } } $case.Path, $Healthy
        $run.Completed | Should -BeTrue
        $record = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $record.Count | Should -Be 1
        $record[0].FullyQualifiedErrorId | Should -BeLike 'DestinationNotRegularFile,*'
        (& stat -c %F $case.Path) | Should -Be 'fifo'
    }

    It '<Name>: the repair writes nothing outside the disk and copies nothing in' -ForEach ($Cases | Where-Object Expect -eq 'Contained') {
        $before = Get-TreeHash $Outside
        $switch = ($Command -split ' -')[1]
        $run = Invoke-Bounded { param($p, $s) $a = @{ Path = $p; Confirm = $false; $s = $true }; Repair-AzBackupAgent @a } $Path, $switch
        $run.Completed | Should -BeTrue
        Get-TreeHash $Outside | Should -Be $before
        $leaked = Get-ChildItem -LiteralPath $Path -Recurse -File -Force | Where-Object { -not $_.LinkTarget } |
            Where-Object { (Get-Content -Raw -LiteralPath $_.FullName) -match 'rescue VM secret' }
        $leaked | Should -BeNullOrEmpty
        if ($ErrorId) {
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $run.Errors[0].Exception.Message | Should -Match 'symbolic link'
        }
        else {
            $run.Errors | Should -BeNullOrEmpty
            $run.Output.Status | Should -Contain 'Repaired'
            $run.Output[0].Target | Should -BeLike "$Path/*"
        }
    }

    It '<Name>: reads in bounded time and gives results' -ForEach ($Cases | Where-Object Expect -eq 'Results') {
        $run = Invoke-Bounded { param($p) Test-AzBackupAgentHealth -Path $p } $Path
        $run.Completed | Should -BeTrue
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -BeGreaterThan 10
    }

    It 'the whole corpus in one pipeline: Stop() ends it while it runs' {
        $inputs = @($Cases | Where-Object { $_.Command -like 'Test-AzBackupAgentHealth*' -and -not $_.BindMount } | ForEach-Object Path)
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest' -ErrorAction Stop").AddStatement().AddScript('param($i) $i | Test-AzBackupAgentHealth -ErrorAction SilentlyContinue').AddArgument(@($inputs) * 20)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $deadline = [DateTime]::UtcNow + $Bound
            while ($output.Count -eq 0 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $output.Count | Should -BeGreaterThan 0
            $ps.BeginStop($null, $null).AsyncWaitHandle.WaitOne($Bound) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -BeIn @('Stopped', 'Completed')
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }

    It 'nothing outside the roots changed during the whole run' {
        Get-TreeHash $Outside | Should -Be $OutsideBefore
    }
}
