BeforeDiscovery {
    # The seed article's five headings: error code, English message, Spanish message (as the seed gives it), causes in order.
    $script:Headings = @(
        @{ Code = 'UserErrorGuestAgentStatusUnavailable'; English = 'VM Agent unable to communicate with Azure Backup'
            Spanish = 'Agente de máquina virtual no se puede toocommunicate con copia de seguridad de Azure'
            Causes = 'NoInternetAccess', 'WindowsAgentUnresponsive', 'LinuxAgentOutOfDate', 'SnapshotStatusUnavailable', 'BackupExtensionFailsToLoad' }
        @{ Code = 'ExtensionSnapshotFailedNoNetwork'; English = 'Snapshot operation failed due to no network connectivity on the virtual machine'
            Spanish = 'Error en la operación de instantánea debido toono conectividad de red en la máquina virtual de Hola'
            Causes = 'NoInternetAccess', 'SnapshotStatusUnavailable', 'BackupExtensionFailsToLoad' }
        @{ Code = 'ExtensionOperationFailedForManagedDisks'; English = 'VMSnapshot extension operation failed'
            Spanish = 'Error en la operación de extensión de VMSnapshot'
            Causes = 'SnapshotStatusUnavailable', 'BackupExtensionFailsToLoad', 'NoInternetAccess', 'WindowsAgentUnresponsive', 'LinuxAgentOutOfDate' }
        @{ Code = 'GuestAgentSnapshotTaskStatusError'; English = 'Unable to perform the operation as the VM Agent is not responsive'
            Spanish = 'Operación de hello tooperform no se puede como Hola agente de máquina virtual no está respondiendo'
            Causes = 'WindowsAgentUnresponsive', 'LinuxAgentOutOfDate', 'NoInternetAccess' }
        @{ Code = 'BackUpOperationFailed'; English = 'Backup failed with an internal error - Please retry the operation in a few minutes'
            Spanish = 'Error de copia de seguridad a un error interno: vuelva a intentar la operación de hello en unos minutos'
            Causes = 'NoInternetAccess', 'WindowsAgentUnresponsive', 'LinuxAgentOutOfDate', 'SnapshotStatusUnavailable', 'BackupExtensionFailsToLoad' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function Get-SeedPrefix($Results, $Count) { @($Results | Select-Object -First $Count | ForEach-Object CauseId) }
}

Describe 'Get-AzBackupFailureCause' {
    Context 'Heading <Code>' -ForEach $Headings {
        It 'by error code returns the seed causes in the seed order, each with solution steps' {
            $r = @(Get-AzBackupFailureCause -ErrorCode $Code)
            Get-SeedPrefix $r $Causes.Count | Should -Be $Causes
            $r | ForEach-Object { $_.Solution.Count | Should -BeGreaterThan 0 }
            $r.Order | Should -Be (1..$r.Count)
            $r | ForEach-Object { $_.ErrorCodes | Should -Contain $Code }
        }

        It 'by English message returns the same causes' {
            $r = @(Get-AzBackupFailureCause -Message $English)
            Get-SeedPrefix $r $Causes.Count | Should -Be $Causes
            $r[0].MatchedBy | Should -Be 'Message'
        }

        It 'by Spanish message from the seed returns the same causes' {
            Get-SeedPrefix @(Get-AzBackupFailureCause -Message $Spanish) $Causes.Count | Should -Be $Causes
        }

        It 'ignores case in the code and case and spacing in a pasted sentence' {
            Get-SeedPrefix @(Get-AzBackupFailureCause $Code.ToLowerInvariant()) $Causes.Count | Should -Be $Causes
            $pasted = "Backup failed.   ERROR:  $($English.ToUpperInvariant()) ... see aka.ms for details"
            Get-SeedPrefix @(Get-AzBackupFailureCause -Message $pasted) $Causes.Count | Should -Be $Causes
        }
    }

    It 'knows the historical spelling ExtentionOperationFailed' {
        (Get-AzBackupFailureCause -ErrorCode ExtentionOperationFailed)[0].HeadingId | Should -Be 'SnapshotExtensionOperationFailed'
    }

    It 'appends the later causes after the seed causes' {
        $r = @(Get-AzBackupFailureCause -ErrorCode GuestAgentSnapshotTaskStatusError)
        $r[3].CauseId | Should -Be 'LinuxAgentConfiguration'
        $r[3].Cause | Should -Be 'AgentMisconfigured'
        $r[3].Source | Should -Be 'current'
        $r[3].Repair | Should -Be 'Repair-AzBackupAgent -EnableExtensions -Restart'
    }

    It 'gives a repair command line and check ids where the article has them' {
        $linux = Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailable | Where-Object CauseId -EQ 'LinuxAgentOutOfDate'
        $linux.Repair | Should -Be 'Repair-AzBackupAgent -Update'
        $linux.CheckIds | Should -Contain 'Linux.AgentVersion'
        $linux.Solution[1].Text | Should -Match 'systemctl restart walinuxagent'
    }

    It 'returns every heading when called with no parameter' {
        $all = @(Get-AzBackupFailureCause)
        ($all | Select-Object -ExpandProperty HeadingId -Unique).Count | Should -BeGreaterOrEqual 5
        $all.HeadingId | Should -Contain 'BackupInternalError'
        $all[0].MatchedBy | Should -Be 'All'
    }

    It 'emits FailureCause objects and declares that type' {
        (Get-AzBackupFailureCause -ErrorCode BackUpOperationFailedV2)[0] | Should -BeOfType ([AzBackupTroubleshoot.Core.Knowledge.FailureCause])
        (Get-Command Get-AzBackupFailureCause).OutputType.Type | Should -Contain ([AzBackupTroubleshoot.Core.Knowledge.FailureCause])
    }

    Context 'pipeline input by property name' {
        It 'binds ErrorCode from objects' {
            $r = @([pscustomobject]@{ ErrorCode = 'ExtensionSnapshotFailedNoNetwork' } | Get-AzBackupFailureCause)
            $r.Count | Should -Be 3
        }

        It 'lets the message decide when a job object carries a numeric code' {
            $job = [pscustomobject]@{ ErrorCode = 400012; ErrorMessage = 'VM Agent unable to communicate with Azure Backup' }
            $r = @($job | Get-AzBackupFailureCause -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $r[0].HeadingId | Should -Be 'GuestAgentStatusUnavailable'
        }

        It 'binds Message and its alias ErrorMessage' {
            @([pscustomobject]@{ Message = 'VMSnapshot extension operation failed' } | Get-AzBackupFailureCause)[0].HeadingId | Should -Be 'SnapshotExtensionOperationFailed'
            @([pscustomobject]@{ ErrorMessage = 'VMSnapshot extension operation failed' } | Get-AzBackupFailureCause)[0].HeadingId | Should -Be 'SnapshotExtensionOperationFailed'
        }
    }

    Context 'unknown input' {
        It 'writes UnknownFailure (ObjectNotFound) naming the closest codes, with the code as target' {
            $r = Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailabel -ErrorVariable errs -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'UnknownFailure,AzBackupTroubleshoot.Commands.GetAzBackupFailureCauseCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'UserErrorGuestAgentStatusUnavailabel'
            $errs[0].ToString() | Should -Match 'Closest known codes: UserErrorGuestAgentStatusUnavailable'
        }

        It 'writes UnknownFailure for an unknown message and goes on with the next input' {
            $inputs = [pscustomobject]@{ Message = 'The printer is on fire' }, [pscustomobject]@{ ErrorCode = 'BackUpOperationFailed' }
            $r = @($inputs | Get-AzBackupFailureCause -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'UnknownFailure,*'
            $errs[0].TargetObject | Should -Be 'The printer is on fire'
            $r.Count | Should -BeGreaterOrEqual 5
        }
    }

    Context 'hostile input (issue 11)' {
        It 'a lone surrogate in a piped message is one InvalidMessageText error (InvalidArgument) and the rest of the pipeline goes on' {
            $inputs = [pscustomobject]@{ Message = 'VM Agent unable to communicate with Azure Backup' },
                [pscustomobject]@{ Message = 'VM Agent unable to communicate with Azure Backup ' + [char]0xD83D },
                [pscustomobject]@{ ErrorCode = 'BackUpOperationFailed' }
            $r = @($inputs | Get-AzBackupFailureCause -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidMessageText,AzBackupTroubleshoot.Commands.GetAzBackupFailureCauseCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -BeLike 'VM Agent unable*'
            @($r | Where-Object HeadingId -eq 'GuestAgentStatusUnavailable').Count | Should -BeGreaterThan 0
            @($r | Where-Object HeadingId -eq 'BackupInternalError').Count | Should -BeGreaterThan 0
        }

        It 'a lone surrogate in -ErrorCode is InvalidMessageText too' {
            $code = 'BackUpOperationFailed' + [char]0xDC00
            Get-AzBackupFailureCause -ErrorCode $code -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMessageText,*'
        }

        It 'a secret pasted with the message does not reach the error record' {
            $msg = 'The printer is on fire: https://md.blob.core.windows.net/s/x?sv=1&sig=HOSTILESECRETPASTED&se=2'
            $null = Get-AzBackupFailureCause -Message $msg -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].ToString() | Should -Not -Match 'HOSTILESECRET'
            $errs[0].TargetObject | Should -Not -Match 'HOSTILESECRET'
            $errs[0].Exception.Message | Should -Not -Match 'HOSTILESECRET'
        }
    }

    It 'formats as a table grouped by failure, and as a list with numbered steps' {
        $table = Get-AzBackupFailureCause -ErrorCode ExtensionSnapshotFailedNoNetwork | Out-String -Width 200
        $table | Should -Match 'Failure: Snapshot operation failed due to no network connectivity'
        $table | Should -Match 'NoNetworkAccess'
        $list = Get-AzBackupFailureCause -ErrorCode ExtensionSnapshotFailedNoNetwork | Format-List | Out-String -Width 200
        $list | Should -Match 'Solution\s*:\s*1\. Allow access to the Azure datacenter IP ranges'
    }
}
