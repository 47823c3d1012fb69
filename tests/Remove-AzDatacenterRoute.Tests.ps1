# Remove-AzDatacenterRoute. Route changes happen only inside network namespaces this file creates and deletes.
BeforeDiscovery {
    $script:NoNetns = -not $IsLinux -or (id -u) -ne '0' -or -not (Get-Command ip -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'DatacenterRoute.TestHelpers.ps1')
}

Describe 'Remove-AzDatacenterRoute' {
    It 'declares RouteChange as its output type and has the Selection and All parameter sets' {
        $cmd = Get-Command Remove-AzDatacenterRoute
        $cmd.OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Network.RouteChange])
        $cmd.ParameterSets.Name | Should -Be @('Selection', 'All')
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'stops with ServiceTagSelectionRequired when nothing says which routes to remove' {
        { Remove-AzDatacenterRoute -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceTagSelectionRequired,AzBackupTroubleshoot.Commands.RemoveAzDatacenterRouteCommand'
    }

    It 'stops with RegionNotFound for an unknown region' {
        { Remove-AzDatacenterRoute -ServiceTagFile $ServiceTagsFile -Region atlantis -ErrorAction Stop } | Should -Throw -ErrorId 'RegionNotFound,*'
        $Error[0].TargetObject | Should -Be 'atlantis'
    }

    It 'takes Windows machines as -CimSession (CimSession[]) or -ComputerName in both parameter sets' {
        $cmd = Get-Command Remove-AzDatacenterRoute
        foreach ($set in $cmd.ParameterSets) { $set.Parameters.Name | Should -Contain 'CimSession'; $set.Parameters.Name | Should -Contain 'ComputerName' }
        (Get-Command Remove-AzDatacenterRoute -Syntax) | Should -Match '-CimSession <CimSession\[\]>'
    }

    Context 'off Windows' -Skip:$IsWindows {
        It '-ComputerName stops with PlatformNotSupported (NotImplemented) before anything is read' {
            $err = { Remove-AzDatacenterRoute -All -ComputerName vm1, vm2 -WhatIf } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PlatformNotSupported,AzBackupTroubleshoot.Commands.RemoveAzDatacenterRouteCommand'
            $err.CategoryInfo.Category | Should -Be 'NotImplemented'
            "$err" | Should -Match 'Invoke-AzVMRunCommand'
        }
    }

    Context 'in a network namespace (real kernel routes)' -Skip:$NoNetns {
        BeforeEach {
            $script:Ns = New-TestNamespace
            $script:Added = Invoke-InNamespace $Ns "Add-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -Region westeurope"
            # Someone else's routes: one elsewhere, one to a destination the module also routes (another metric).
            $script:Shared = $Added.Changes[0].DestinationPrefix
            ip -n $Ns route add 198.51.100.0/24 via 192.0.2.1 proto static
            ip -n $Ns route add $Shared via 192.0.2.1 proto static metric 100
        }
        AfterEach { Remove-TestNamespace $Ns }

        It '-All removes only the module''s routes; everyone else''s stay' {
            $before = @(ip -n $Ns -4 route show table main | Where-Object { $_ -notmatch 'proto 252' })
            $run = Invoke-InNamespace $Ns 'Remove-AzDatacenterRoute -All'
            $run.Errors | Should -BeNullOrEmpty
            $run.Changes.Count | Should -Be 409
            $run.Changes | ForEach-Object { $_.Action | Should -Be 'Removed' }
            Get-OwnKernelRoute $Ns | Should -BeNullOrEmpty
            @(ip -n $Ns -4 route show table main) | Should -Be $before
            (ip -n $Ns -4 route show exact $Shared) | Should -Match 'proto static metric 100'
            (ip -n $Ns -4 route show exact 198.51.100.0/24) | Should -Match 'proto static'
        }

        It 'removes the routes of one selected tag, leaving the region''s others' {
            $run = Invoke-InNamespace $Ns "Remove-AzDatacenterRoute -ServiceTagFile '$ServiceTagsFile' -ServiceTag Storage.WestEurope"
            $run.Errors | Should -BeNullOrEmpty
            $run.Changes.Count | Should -BeGreaterThan 0
            $run.Changes | ForEach-Object { $_.ServiceTags | Should -Contain 'Storage.WestEurope' }
            $left = Get-OwnKernelRoute $Ns
            $left.Count | Should -Be (409 - $run.Changes.Count)
            $run.Changes.DestinationPrefix | ForEach-Object { $left | Should -Not -Contain $_ }
        }

        It 'removes the routes of piped RouteChange objects' {
            $first = $Added.Changes | Select-Object -First 3
            $pipe = ($first | ForEach-Object { "[AzBackupTroubleshoot.Core.Network.RouteChange]::new('$($_.DestinationPrefix)', '192.0.2.1', 'abt0', 'Added', [string[]]@())" }) -join ', '
            $run = Invoke-InNamespace $Ns "@($pipe) | Remove-AzDatacenterRoute"
            $run.Changes.DestinationPrefix | Should -Be @($first.DestinationPrefix)
            (Get-OwnKernelRoute $Ns).Count | Should -Be 406
        }

        It '-WhatIf lists WouldRemove and leaves the table unchanged' {
            $before = Get-RouteSnapshot $Ns
            $run = Invoke-InNamespace $Ns 'Remove-AzDatacenterRoute -All -WhatIf' -AsUser 1000
            $run.Changes.Count | Should -Be 409
            $run.Changes | ForEach-Object { $_.Action | Should -Be 'WouldRemove' }
            Get-RouteSnapshot $Ns | Should -Be $before
        }

        It 'stops with ElevationRequired when not root' {
            $run = Invoke-InNamespace $Ns 'Remove-AzDatacenterRoute -All' -AsUser 1000
            $run.Errors[0].Id | Should -Be 'ElevationRequired,AzBackupTroubleshoot.Commands.RemoveAzDatacenterRouteCommand'
            (Get-OwnKernelRoute $Ns).Count | Should -Be 409
        }
    }
}
