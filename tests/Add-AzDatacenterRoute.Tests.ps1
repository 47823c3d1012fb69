# Add-AzDatacenterRoute. Route changes happen only inside network namespaces this file creates (ip netns add
# abt-test-<random>) and deletes again: the cmdlet runs in a child pwsh under `ip netns exec`, so the host's own route
# table is never touched. Those tests are skipped, with the reason, when not root, not Linux or without ip.
BeforeDiscovery {
    $script:NetnsSkipReason = if (-not $IsLinux) { 'not Linux' }
    elseif ((id -u) -ne '0') { 'not root: creating a network namespace needs root (CI runs as root)' }
    elseif (-not (Get-Command ip -ErrorAction SilentlyContinue)) { 'no ip (iproute2) on PATH' }
    else { $null }
    $script:NoNetns = [bool]$NetnsSkipReason
    $script:NoPython = -not (Get-Command python3 -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'DatacenterRoute.TestHelpers.ps1')
}

Describe 'Add-AzDatacenterRoute' {
    It 'declares RouteChange as its output type and supports ShouldProcess' {
        $cmd = Get-Command Add-AzDatacenterRoute
        $cmd.OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Network.RouteChange])
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'takes Windows machines as -CimSession (CimSession[]) or -ComputerName (alias CN), and -Persistent' {
        $cmd = Get-Command Add-AzDatacenterRoute
        foreach ($name in 'CimSession', 'ComputerName', 'Persistent') { $cmd.Parameters.Keys | Should -Contain $name }
        $cmd.Parameters['ComputerName'].Aliases | Should -Contain 'CN'
        (Get-Command Add-AzDatacenterRoute -Syntax) | Should -Match '-CimSession <CimSession\[\]>'
    }

    It 'reads only the selected tags'' prefixes: a malformed prefix elsewhere does not stop it, bad JSON anywhere does' {
        $head = '{"changeNumber":7,"values":[{"name":"Storage.Test","properties":{"region":"test","addressPrefixes":["198.51.100.0/25","198.51.100.128/25"]}},'
        $badPrefix = Join-Path $TestDrive 'other-bad-prefix.json'
        Set-Content -Path $badPrefix -Value ($head + '{"name":"Other","properties":{"region":"x","addressPrefixes":["10.0.0.1/8"]}}]}')
        $r = @(Add-AzDatacenterRoute -ServiceTagFile $badPrefix -ServiceTag Storage.Test -NextHop 192.0.2.1 -InterfaceAlias lo -WhatIf -WarningAction SilentlyContinue)
        $r.DestinationPrefix | Should -Be '198.51.100.0/24'
        $r.Action | Should -Be 'WouldAdd'
        { Add-AzDatacenterRoute -ServiceTagFile $badPrefix -ServiceTag Other -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagFileInvalid,*'
        "$($Error[0])" | Should -Match "tag 'Other', value '10.0.0.1/8'"

        $badJson = Join-Path $TestDrive 'other-bad-json.json'
        Set-Content -Path $badJson -Value ($head + "`r`n" + '{"name":"Other","properties":{"region":"x","addressPrefixes":["10.0.0.0/8" "11.0.0.0/8"]}}]}')
        { Add-AzDatacenterRoute -ServiceTagFile $badJson -ServiceTag Storage.Test -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagFileInvalid,*'
        "$($Error[0])" | Should -Match ([regex]::Escape("Service Tags file '$badJson', line 2, byte"))
    }

    Context 'errors before any route is read' {
        It 'stops with RegionNotFound (ObjectNotFound) listing the closest regions' {
            { Add-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -Region westeuropa -ErrorAction Stop } |
                Should -Throw -ErrorId 'RegionNotFound,AzBackupTroubleshoot.Commands.AddAzDatacenterRouteCommand'
            $err = $Error[0]
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.TargetObject | Should -Be 'westeuropa'
            "$err" | Should -Match 'closest: westeurope, northeurope'
        }

        It 'stops with ServiceTagNotFound naming the file and the closest tags' {
            { Add-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -ServiceTag Storage.WestEuropa -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceTagNotFound,*'
            "$($Error[0])" | Should -Match ([regex]::Escape($ServiceTagsFile))
            "$($Error[0])" | Should -Match 'closest: Storage.WestEurope'
        }

        It 'stops with ServiceTagFileInvalid (InvalidData) naming the file, line and byte of bad JSON' {
            $bad = Join-Path $TestDrive 'ServiceTags_Public_20250101.json'
            Set-Content -Path $bad -Value "{`r`n  `"changeNumber`": 1,`r`n  `"values`": [ , ]`r`n}" -NoNewline
            { Add-AzDatacenterRoute -ServiceTagFile $bad -Region westeurope -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagFileInvalid,*'
            $Error[0].CategoryInfo.Category | Should -Be 'InvalidData'
            "$($Error[0])" | Should -Match ([regex]::Escape("Service Tags file '$bad', line 3, byte"))
        }

        It 'stops with ServiceTagFileInvalid naming the tag and the malformed prefix' {
            $bad = Join-Path $TestDrive 'bad-prefix.json'
            Set-Content -Path $bad -Value '{"changeNumber":1,"values":[{"name":"Storage.WestEurope","properties":{"region":"westeurope","addressPrefixes":["20.38.108.1/23"]}}]}'
            { Add-AzDatacenterRoute -ServiceTagFile $bad -Region westeurope -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagFileInvalid,*'
            "$($Error[0])" | Should -Match "tag 'Storage.WestEurope', value '20.38.108.1/23': not a CIDR block: host bits are set"
        }

        It 'stops with ServiceTagFileUnreadable (ReadError) for a missing file' {
            { Add-AzDatacenterRoute -ServiceTagFile (Join-Path $TestDrive 'absent.json') -Region westeurope -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceTagFileUnreadable,*'
            $Error[0].CategoryInfo.Category | Should -Be 'ReadError'
        }

        It 'stops with ServiceTagSelectionRequired when a file is given without -Region or -ServiceTag' {
            { Add-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagSelectionRequired,*'
            $Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'stops with ServiceTagsRequired when there is neither a file nor piped tags' {
            { Add-AzDatacenterRoute -Region westeurope -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagsRequired,*'
        }

        It 'writes InputObjectNotRecognized for a piped object of another kind' {
            # Nothing else is selected, so the cmdlet then stops with ServiceTagSelectionRequired before reading any route.
            $stop = $null
            try { 42 | Add-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $stop = $_ }
            $notRecognized = @($errs | Where-Object FullyQualifiedErrorId -Like 'InputObjectNotRecognized,*')
            $notRecognized.Count | Should -Be 1
            $notRecognized[0].TargetObject | Should -Be 42
            $notRecognized[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $stop.FullyQualifiedErrorId | Should -Be 'ServiceTagSelectionRequired,AzBackupTroubleshoot.Commands.AddAzDatacenterRouteCommand'
        }

        It 'adds nothing for health results that do not ask for AddDatacenterRoute' {
            $ok = [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new('vm1', 'Network.Storage', 'NoNetworkAccess', 'Passed', 'reachable')
            $other = [AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new('vm1', 'Linux.AgentVersion', 'AgentOutOfDate', 'Failed', 'old')
            @($ok, $other | Add-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -Region westeurope) | Should -BeNullOrEmpty
        }
    }

    Context 'off Windows' -Skip:$IsWindows {
        It '-ComputerName stops with PlatformNotSupported (NotImplemented) before reading anything, telling to pass a CimSession' {
            $err = { Add-AzDatacenterRoute -ComputerName vm1 -ServiceTagFile (Join-Path $TestDrive 'absent.json') -Region westeurope -WhatIf } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PlatformNotSupported,AzBackupTroubleshoot.Commands.AddAzDatacenterRouteCommand'
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            $err.TargetObject | Should -Be 'vm1'
            "$err" | Should -Match '-CimSession'
        }
    }

    Context 'the real CIM path' -Tag 'WindowsOnly' {
        BeforeAll {
            $script:IsAdmin = $IsWindows -and ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
            # TEST-NET blocks (RFC 5737) through the machine's own default route: nothing real is sent there.
            $script:TestTag = [AzBackupTroubleshoot.Core.Network.ServiceTag]::new('Storage.TestNet', $null, 'testnet', $null, $null, $null, $null,
                [AzBackupTroubleshoot.Core.Network.IpPrefix[]]@('198.51.100.0/25', '198.51.100.128/25', '203.0.113.0/24'), $null)
            function Get-OwnNetRoute([string] $Store = 'ActiveStore') {
                @(Get-NetRoute -PolicyStore $Store -RouteMetric 252 -ErrorAction SilentlyContinue | Where-Object DestinationPrefix -In '198.51.100.0/24', '203.0.113.0/24' |
                    ForEach-Object DestinationPrefix | Sort-Object)
            }
            function Remove-TestNetRoute {
                Get-NetRoute -RouteMetric 252 -ErrorAction SilentlyContinue | Where-Object DestinationPrefix -In '198.51.100.0/24', '203.0.113.0/24' |
                    Remove-NetRoute -Confirm:$false -ErrorAction SilentlyContinue
                Get-NetRoute -PolicyStore PersistentStore -RouteMetric 252 -ErrorAction SilentlyContinue | Where-Object DestinationPrefix -In '198.51.100.0/24', '203.0.113.0/24' |
                    Remove-NetRoute -Confirm:$false -ErrorAction SilentlyContinue
            }
        }

        It 'on this machine, -WhatIf lists the routes through the real default route and changes nothing, without elevation' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) and MSFT_NetRoute only work there'; return }
            $before = Get-NetRoute | Select-Object DestinationPrefix, NextHop, RouteMetric, ifIndex | Out-String
            $r = @($TestTag | Add-AzDatacenterRoute -WhatIf -WarningAction SilentlyContinue)
            $r.DestinationPrefix | Should -Be @('198.51.100.0/24', '203.0.113.0/24')
            $r.Action | Should -Be @('WouldAdd', 'WouldAdd')
            # The default route with the lowest route metric (any of them, if several tie).
            $defaults = @(Get-NetRoute -DestinationPrefix 0.0.0.0/0 -PolicyStore ActiveStore)
            $best = ($defaults | Measure-Object RouteMetric -Minimum).Minimum
            $r[0].Interface | Should -BeIn @($defaults | Where-Object RouteMetric -EQ $best | ForEach-Object InterfaceAlias)
            $r[0].ComputerName | Should -Be ([Environment]::MachineName)
            Get-NetRoute | Select-Object DestinationPrefix, NextHop, RouteMetric, ifIndex | Out-String | Should -Be $before
        }

        It 'adds through MSFT_NetRoute over a CimSession (ActiveStore only), finds them present again, and Remove takes them away' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) and MSFT_NetRoute only work there'; return }
            if (-not $IsAdmin) { Set-ItResult -Skipped -Because 'changing routes needs an elevated session'; return }
            $session = New-CimSession
            try {
                $added = @($TestTag | Add-AzDatacenterRoute -CimSession $session -WarningAction SilentlyContinue)
                $added.Action | Should -Be @('Added', 'Added')
                Get-OwnNetRoute | Should -Be @('198.51.100.0/24', '203.0.113.0/24')
                Get-OwnNetRoute PersistentStore | Should -BeNullOrEmpty
                (@($TestTag | Add-AzDatacenterRoute -CimSession $session -WarningAction SilentlyContinue)).Action | Should -Be @('AlreadyPresent', 'AlreadyPresent')
                $removed = @($added | Remove-AzDatacenterRoute -CimSession $session)
                $removed.Action | Should -Be @('Removed', 'Removed')
                Get-OwnNetRoute | Should -BeNullOrEmpty
            }
            finally {
                Remove-TestNetRoute
                Remove-CimSession $session
            }
        }

        It '-Persistent puts the routes in the PersistentStore too, and Remove takes both copies' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'it needs Windows: CIM (Microsoft.Management.Infrastructure) and MSFT_NetRoute only work there'; return }
            if (-not $IsAdmin) { Set-ItResult -Skipped -Because 'changing routes needs an elevated session'; return }
            try {
                $added = @($TestTag | Add-AzDatacenterRoute -Persistent -WarningAction SilentlyContinue)
                $added.Action | Should -Be @('Added', 'Added')
                Get-OwnNetRoute PersistentStore | Should -Be @('198.51.100.0/24', '203.0.113.0/24')
                $TestTag | Remove-AzDatacenterRoute | Out-Null
                Get-OwnNetRoute | Should -BeNullOrEmpty
                Get-OwnNetRoute PersistentStore | Should -BeNullOrEmpty
            }
            finally {
                Remove-TestNetRoute
            }
        }
    }

    Context 'in a network namespace (real kernel routes)' -Skip:$NoNetns {
        BeforeEach { $script:Ns = New-TestNamespace }
        AfterEach { Remove-TestNamespace $Ns }

        It 'adds the region''s blocks through the default route, the kernel table holds exactly them, a rerun finds them all present' {
            $run = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -Region westeurope"
            $run.Errors | Should -BeNullOrEmpty
            $run.Changes.Count | Should -Be 409
            $run.Changes | ForEach-Object { $_.Action | Should -Be 'Added'; $_.NextHop | Should -Be '192.0.2.1'; $_.Interface | Should -Be 'abt0' }
            $kernel = Get-OwnKernelRoute $Ns
            $kernel | Should -Be @($run.Changes.DestinationPrefix | Sort-Object)
            (ip -n $Ns -4 route show exact $run.Changes[0].DestinationPrefix) | Should -Match 'via 192\.0\.2\.1 dev abt0 proto 252'
            $run.Warnings.Count | Should -Be 1
            $run.Warnings[0] | Should -Match 'change number 364'
            $run.Warnings[0] | Should -Match 'changes weekly'
            $run.Warnings[0] | Should -Match 'direction Outbound, protocol TCP, destination service tag Storage.WestEurope, destination ports 443 and, for managed disks, 8443'

            $again = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -Region WESTEUROPE"
            $again.Changes.Count | Should -Be 409
            $again.Changes | ForEach-Object { $_.Action | Should -Be 'AlreadyPresent' }
            Get-OwnKernelRoute $Ns | Should -Be $kernel
        }

        It 'routes exactly the blocks Python''s ipaddress.collapse_addresses gives' -Skip:$NoPython {
            $run = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -ServiceTag Storage.WestEurope, AzureCloud.westeurope"
            $python = & python3 (Join-Path $RepoRoot 'bench/servicetags/collapse.py') $ServiceTagsFile --tags 'Storage.WestEurope,AzureCloud.westeurope' | ConvertFrom-Json
            Get-OwnKernelRoute $Ns | Should -Be @($python.blocks | Sort-Object)
        }

        It '-WhatIf lists every route as WouldAdd and leaves the table unchanged, without elevation' {
            $before = Get-RouteSnapshot $Ns
            $run = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -ServiceTag Storage.WestEurope -WhatIf" -AsUser 1000
            $run.Errors | Should -BeNullOrEmpty
            $run.Changes.Count | Should -Be 95
            $run.Changes | ForEach-Object { $_.Action | Should -Be 'WouldAdd' }
            Get-RouteSnapshot $Ns | Should -Be $before
        }

        It 'stops with ElevationRequired (PermissionDenied) when not root and changes nothing' {
            $before = Get-RouteSnapshot $Ns
            $run = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -Region westeurope" -AsUser 1000
            $run.Changes | Should -BeNullOrEmpty
            $run.Errors[0].Id | Should -Be 'ElevationRequired,AzBackupTroubleshoot.Commands.AddAzDatacenterRouteCommand'
            $run.Errors[0].Category | Should -Be 'PermissionDenied'
            Get-RouteSnapshot $Ns | Should -Be $before
        }

        It 'rolls back the routes of this run when a line fails part-way, and says so' {
            ip -n $Ns route add 198.51.100.0/24 via 192.0.2.1 proto static
            $before = Get-RouteSnapshot $Ns
            $stub = New-FailingIpStub -FailAtLine 150
            $run = Invoke-InNamespace $Ns "`$env:PATH = '$stub' + [IO.Path]::PathSeparator + `$env:PATH; Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -Region westeurope"
            $run.Changes.Count | Should -Be 149
            $run.Changes | ForEach-Object { $_.Action | Should -Be 'RolledBack' }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].Id | Should -BeLike 'RouteAddFailed,*'
            $run.Errors[0].Category | Should -Be 'WriteError'
            $run.Errors[0].Message | Should -Match 'after 149 of 409 were added'
            $run.Errors[0].Message | Should -Match 'removed again; the table is as it was'
            Get-OwnKernelRoute $Ns | Should -BeNullOrEmpty
            Get-RouteSnapshot $Ns | Should -Be $before
        }

        It 'takes piped health results that ask for AddDatacenterRoute on this machine, with the region from their typed Region' {
            $make = "[AzBackupTroubleshoot.Core.Checks.HealthCheckResult]::new([AzBackupTroubleshoot.Core.Targets.CheckTarget]::For([AzBackupTroubleshoot.Core.Targets.LinuxTarget]::Live()), 'Network.Storage', 'NoNetworkAccess', 'Failed', 'no route', [string[]]@('region: northeurope'), `$null, 'AddDatacenterRoute', 'westeurope')"
            $run = Invoke-InNamespace $Ns "$make | Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile'"
            $run.Errors | Should -BeNullOrEmpty
            $run.Changes.Count | Should -Be 409
            (Get-OwnKernelRoute $Ns).Count | Should -Be 409
        }

        It 'takes piped tag objects shaped like Get-AzNetworkServiceTag output, and IPv6' {
            $tag = "[pscustomobject]@{ Name = 'Storage.Test'; Id = 'Storage.Test'; Properties = [pscustomobject]@{ Region = 'test'; ChangeNumber = '3'; AddressPrefixes = @('20.1.0.0/17', '20.1.128.0/17', '2603:1020::/48', '2603:1020:1::/48') } }"
            $v4 = Invoke-InNamespace $Ns "$tag | Add-AzDatacenterRoute"
            $v4.Changes.DestinationPrefix | Should -Be '20.1.0.0/16'
            $v4.Changes.ServiceTags | Should -Be 'Storage.Test'
            $v6 = Invoke-InNamespace $Ns "$tag | Add-AzDatacenterRoute -AddressFamily IPv6"
            $v6.Changes.DestinationPrefix | Should -Be '2603:1020::/47'
            $v6.Changes.NextHop | Should -Be '2001:db8::1'
            Get-OwnKernelRoute $Ns -AddressFamily IPv6 | Should -Be '2603:1020::/47'
        }
    }
}
