# Loading the module where it cannot run: PowerShell 7.0-7.3, whose runtime's System.Text.Json is older than the 8.0 the
# module references. Simulated as the review did: a temp copy of out/ whose Core assembly references a System.Text.Json
# above this runtime's (the AssemblyRef row's version is raised in place). The runtime's copy always wins in PowerShell 7,
# so the copy is in exactly the state of the module on .NET 6/7.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Raises the version of one assembly reference in a .NET assembly's metadata, in place.
    function Set-AssemblyReferenceVersion {
        param([string] $Path, [string] $Reference, [version] $Version)
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        $stream = [System.IO.MemoryStream]::new($bytes)
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        try {
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $tableOffset = [System.Reflection.Metadata.Ecma335.MetadataReaderExtensions]::GetTableMetadataOffset($md, [System.Reflection.Metadata.Ecma335.TableIndex]::AssemblyRef)
            $rowSize = [System.Reflection.Metadata.Ecma335.MetadataReaderExtensions]::GetTableRowSize($md, [System.Reflection.Metadata.Ecma335.TableIndex]::AssemblyRef)
            $metadataStart = $pe.PEHeaders.MetadataStartOffset
            $row = 0; $found = $false
            foreach ($handle in $md.AssemblyReferences) {
                $ref = $md.GetAssemblyReference($handle)
                if ($md.GetString($ref.Name) -eq $Reference) {
                    # AssemblyRef row: MajorVersion, MinorVersion, BuildNumber, RevisionNumber (2 bytes each) first.
                    $at = $metadataStart + $tableOffset + $row * $rowSize
                    $parts = $Version.Major, $Version.Minor, [Math]::Max(0, $Version.Build), [Math]::Max(0, $Version.Revision)
                    for ($i = 0; $i -lt 4; $i++) { [BitConverter]::GetBytes([uint16]$parts[$i]).CopyTo($bytes, $at + 2 * $i) }
                    $found = $true
                }
                $row++
            }
            if (-not $found) { throw "$Path has no reference to $Reference." }
        }
        finally { $pe.Dispose() }
        [System.IO.File]::WriteAllBytes($Path, $bytes)
    }
}

Describe 'Import on a PowerShell whose System.Text.Json is older than the module''s' {
    BeforeAll {
        $runtimeJson = [System.Text.Json.JsonSerializer].Assembly.GetName().Version
        $raised = [version]::new($runtimeJson.Major + 1, 0, 0, 0)
        $copy = Join-Path $TestDrive 'AzBackupTroubleshoot'
        Copy-Item $ModuleDir -Destination $copy -Recurse
        Set-AssemblyReferenceVersion -Path (Join-Path $copy 'AzBackupTroubleshoot.Core.dll') -Reference 'System.Text.Json' -Version $raised
        $manifest = Join-Path $copy 'AzBackupTroubleshoot.psd1'
    }

    It 'is a faithful simulation: without the refusal, the copy''s first JSON read fails to load System.Text.Json' {
        # The Core assembly of the copy, loaded on its own (no module initializer): reading the knowledge base needs
        # System.Text.Json at the raised version, which this runtime cannot give.
        $core = Join-Path $copy 'AzBackupTroubleshoot.Core.dll'
        $out = Invoke-ChildPwsh -Command (
            "`$a = [System.Reflection.Assembly]::LoadFrom('$core'); " +
            "try { [void]`$a.GetType('AzBackupTroubleshoot.Core.Knowledge.KnowledgeBase').GetMethod('Load').Invoke(`$null, @([System.IO.MemoryStream]::new([byte[]](0x7B, 0x7D)))); 'read' } " +
            "catch { `$e = `$_.Exception; while (`$e.InnerException) { `$e = `$e.InnerException }; 'error=' + `$e.GetType().Name + ': ' + `$e.Message }") 2>&1 | Out-String
        $out | Should -Match 'error=(FileLoadException|FileNotFoundException): Could not load file or assembly'
        $out | Should -Match "System\.Text\.Json, Version=$([regex]::Escape($raised.ToString()))"
    }

    It 'refuses the import with UnsupportedPowerShell, naming PowerShell 7.4+ and Windows PowerShell 5.1, and exports nothing' {
        $out = Invoke-ChildPwsh -Command (
            "try { Import-Module '$manifest' -ErrorAction Stop; 'imported' } " +
            "catch { 'id=' + `$_.FullyQualifiedErrorId; 'type=' + `$_.Exception.GetType().FullName; 'message=' + `$_.Exception.Message }; " +
            "'commands=' + @(Get-Command -Module AzBackupTroubleshoot -ErrorAction SilentlyContinue).Count") 2>&1 | Out-String
        $out | Should -Not -Match 'imported'
        $out | Should -Match 'id=UnsupportedPowerShell'
        $out | Should -Match 'PowerShell 7\.4 or later, or Windows PowerShell 5\.1'
        $out | Should -Match "System\.Text\.Json $([regex]::Escape($raised.ToString()))"
        $out | Should -Match "System\.Text\.Json $([regex]::Escape($runtimeJson.ToString()))"
        $out | Should -Not -Match 'FileLoadException'
        $out | Should -Match 'commands=0'
    }

    It 'imports and runs from an unpatched copy of the same layout (the refusal is the version, not the copy)' {
        $plain = Join-Path $TestDrive 'plain/AzBackupTroubleshoot'
        Copy-Item $ModuleDir -Destination (New-Item -ItemType Directory (Join-Path $TestDrive 'plain')).FullName -Recurse
        $out = Invoke-ChildPwsh -Command ("Import-Module '$(Join-Path $plain 'AzBackupTroubleshoot.psd1')' -ErrorAction Stop; " +
            "@(Get-AzBackupFailureCause -ErrorCode UserErrorGuestAgentStatusUnavailable).Count") 2>&1 | Out-String
        [int]($out.Trim() -split "`n")[-1] | Should -BeGreaterThan 0 -Because $out
    }
}
