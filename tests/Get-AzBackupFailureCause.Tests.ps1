BeforeDiscovery {
    # Every in-scope code, from the table in src/AzBackupTroubleshoot.Core/Knowledge/SOURCES.md: code, article, heading,
    # English message ('—' when the article gives none: the heading text is matched instead), causes in the article's order.
    $sources = Join-Path (Split-Path -Parent $PSScriptRoot) 'src/AzBackupTroubleshoot.Core/Knowledge/SOURCES.md'
    $lines = @(Get-Content -Path $sources -Encoding utf8)
    $from = [array]::IndexOf($lines, '## In-scope codes')
    $to = [array]::IndexOf($lines, '## Left out, and why')
    if ($from -lt 0 -or $to -lt $from) { throw "SOURCES.md has no '## In-scope codes' section before '## Left out, and why'." }
    $script:Codes = @($lines[$from..$to] | Where-Object { $_ -match '^\| `[A-Za-z0-9]+` \|' } | ForEach-Object {
        $cells = @($_.Trim('|').Split('|') | ForEach-Object { $_.Trim() })
        $message = if ($cells[3] -eq '—') { $cells[2] } else { $cells[3] }
        @{ Code = $cells[0].Trim('`'); Article = $cells[1]; Message = $message; Causes = @($cells[4].Split(',')) }
    })

    # The 2017 article's five headings: error code, English message, Spanish message (as the 2017 translation gives it), 2017 cause order.
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
    # The causes the article that has the heading today gives, in the order returned.
    function Get-Current($Results) { @($Results | Where-Object InCurrentArticle | ForEach-Object CauseId) }
    function Get-Seed($Results) { @($Results | Sort-Object SeedOrder | Where-Object { $null -ne $_.SeedOrder } | ForEach-Object CauseId) }
}

Describe 'Get-AzBackupFailureCause' {
    It 'reads at least the 35 in-scope codes from SOURCES.md' {
        $Codes.Count | Should -BeGreaterOrEqual 35
    }

    Context 'In-scope code <Code> (<Article>)' -ForEach $Codes {
        It 'by error code returns the current article''s causes first, in its order' {
            $r = @(Get-AzBackupFailureCause -ErrorCode $Code)
            Get-Current $r | Should -Be $Causes
            @($r | Select-Object -First $Causes.Count | ForEach-Object CauseId) | Should -Be $Causes
            @($r | Where-Object InCurrentArticle | ForEach-Object CurrentOrder) | Should -Be (1..$Causes.Count)
            $r.Order | Should -Be (1..$r.Count)
            $r | ForEach-Object { $_.ErrorCodes | Should -Contain $Code; $_.Solution.Count | Should -BeGreaterThan 0; $_.SpanishSource | Should -Not -BeNullOrEmpty }
        }

        It 'by its English message returns the same causes' {
            $r = @(Get-AzBackupFailureCause -Message $Message)
            Get-Current $r | Should -Be $Causes
            $r[0].ErrorCodes | Should -Contain $Code
            $r[0].MatchedBy | Should -Be 'Message'
        }

        It 'by each of its Spanish messages finds a heading with that message' {
            $spanish = @((Get-AzBackupFailureCause -ErrorCode $Code)[0].MessagesEs)
            foreach ($es in $spanish) { (Get-AzBackupFailureCause -Message $es)[0].MessagesEs | Should -Contain $es }
        }
    }

    Context '2017 heading <Code>' -ForEach $Headings {
        It 'Sort-Object SeedOrder gives the 2017 order back' {
            $r = @(Get-AzBackupFailureCause -ErrorCode $Code)
            Get-Seed $r | Should -Be $Causes
            @($r | Sort-Object SeedOrder | Select-Object -Last $Causes.Count | ForEach-Object CauseId) | Should -Be $Causes
            $r | Where-Object { -not $_.InCurrentArticle } | ForEach-Object { $_.Source | Should -Be '2017 article' }
        }

        It 'by English message returns the same causes' {
            $r = @(Get-AzBackupFailureCause -Message $English)
            Get-Seed $r | Should -Be $Causes
            $r[0].ErrorCodes | Should -Contain $Code
        }

        It 'by Spanish message from the 2017 article returns the same causes' {
            Get-Seed @(Get-AzBackupFailureCause -Message $Spanish) | Should -Be $Causes
        }

        It 'ignores case in the code and case and spacing in a pasted sentence' {
            Get-Seed @(Get-AzBackupFailureCause $Code.ToLowerInvariant()) | Should -Be $Causes
            $pasted = "Backup failed.   ERROR:  $($English.ToUpperInvariant()) ... see aka.ms for details"
            Get-Seed @(Get-AzBackupFailureCause -Message $pasted) | Should -Be $Causes
        }
    }

    It 'knows the historical spelling ExtentionOperationFailed' {
        (Get-AzBackupFailureCause -ErrorCode ExtentionOperationFailed)[0].HeadingId | Should -Be 'SnapshotExtensionOperationFailed'
    }

    It 'says where each cause comes from: current article, companion article or 2017 article only' {
        $r = @(Get-AzBackupFailureCause -ErrorCode GuestAgentSnapshotTaskStatusError)
        $r[3].CauseId | Should -Be 'LinuxAgentConfiguration'
        $r[3].Cause | Should -Be 'AgentMisconfigured'
        $r[3].Source | Should -Be 'current article'
        $r[3].SeedOrder | Should -BeNullOrEmpty
        $r[3].Repair | Should -Be 'Repair-AzBackupAgent -EnableExtensions -Restart'
        $r[5].CauseId | Should -Be 'NoInternetAccess'
        $r[5].Source | Should -Be '2017 article'
        $r[5].SeedOrder | Should -Be 3
        (Get-AzBackupFailureCause -ErrorCode BackUpOperationFailedV2 | Where-Object CauseId -EQ 'EnhancedPolicyMigration').Source | Should -Be 'companion article'
    }

    It 'says when a heading has no Spanish text' {
        $r = (Get-AzBackupFailureCause -ErrorCode UserErrorUnableToOpenMount)[0]
        $r.MessagesEs | Should -BeNullOrEmpty
        $r.SpanishSource | Should -Match '^No es-ES text'
        (Get-AzBackupFailureCause -ErrorCode UserErrorKeyvaultPermissionsNotConfigured)[0].SpanishSource | Should -Match 'es-ES translation of the current article'
    }

    It 'gives a repair command line and check ids where the article has them' {
        $linux = Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailable | Where-Object CauseId -EQ 'LinuxAgentOutOfDate'
        $linux.Repair | Should -Be 'Repair-AzBackupAgent -Update'
        $linux.CheckIds | Should -Contain 'Linux.AgentVersion'
        $linux.Solution[1].Text | Should -Match 'systemctl restart walinuxagent'
        (Get-AzBackupFailureCause -ErrorCode UserErrorBackupOperationInProgress)[0].CheckIds | Should -Contain 'Azure.BackupJobInProgress'
        (Get-AzBackupFailureCause -ErrorCode UserErrorRpCollectionLimitReached)[0].Repair | Should -BeNullOrEmpty
    }

    It 'returns every heading when called with no parameter' {
        $all = @(Get-AzBackupFailureCause)
        ($all | Select-Object -ExpandProperty HeadingId -Unique).Count | Should -Be 30
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

    It 'formats as a table grouped by failure with the 2017 order and source, and as a list with numbered steps' {
        $table = Get-AzBackupFailureCause -ErrorCode ExtensionSnapshotFailedNoNetwork | Out-String -Width 200
        $table | Should -Match 'Failure: Snapshot operation failed due to no network connectivity'
        $table | Should -Match '2017 article'
        $table | Should -Match 'NoNetworkAccess'
        $list = Get-AzBackupFailureCause -ErrorCode ExtensionSnapshotFailedNoNetwork | Format-List | Out-String -Width 200
        $list | Should -Match 'Solution\s*:\s*1\. The VM was shut down from inside'
        $list | Should -Match 'SeedOrder\s*:\s*2'
    }
}
