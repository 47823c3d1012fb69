<#
.SYNOPSIS
Generates the file-side hostile-input corpus of issue 11 into a folder (never committed: the big cases are made here).

.DESCRIPTION
Each case is a Linux root, a bundle, a Windows capture, a Service Tags file, a repair root or a destination that once
ended badly (a hang, a write outside the root, a silent cut, an unhandled exception, a full decompression). The script
writes them under -Path and returns one object per case:
  Name      the case (stable, used by tests/HostileInput.Tests.ps1 and bench/HostileCorpus.bench.ps1)
  Category  what kind of hostile input it is (Link, NotRegularFile, Size, Zip, Capture, Path)
  Command   the cmdlet that reads or writes it
  Path      the input (root folder, zip, json, destination)
  Expect    'CheckError' (an Error result for Check), 'ErrorRecord' (one error record ErrorId), 'Contained' (a repair
            that writes nowhere outside Outside) or 'Results' (ordinary results, in bounded time)
  Check / ErrorId / Outside / BindMount / Unprivileged   details for Expect (Unprivileged: run without capabilities,
            in a user namespace as uid 1000, so that a mode-000 folder is really unreadable)
Nothing outside -Path is changed. FIFOs are made with mkfifo(1); a character device is never created: the /dev/zero
case carries BindMount, and the test bind-mounts /dev/zero over the file inside a private mount namespace (unshare -m).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $Path,
    # The repository's examples/linux folder (the healthy root every case starts from).
    [string] $Examples = (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'examples'),
    # How many keys the 'too many registry keys' capture has beyond the limit, and how many values the big key has.
    [int] $HugeKeyValues = 60000
)

$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$null = New-Item -ItemType Directory -Path $Path -Force
$Path = (Resolve-Path $Path).ProviderPath
$healthy = Join-Path $Examples 'linux/healthy'
$capture = Join-Path $Examples 'windows/healthy.json'

function New-Root([string] $Name) {
    $root = Join-Path $Path $Name
    & cp -a $healthy $root
    if ($LASTEXITCODE -ne 0) { throw "cp -a $healthy $root failed" }
    $root
}

function New-Fifo([string] $File) {
    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $File) -Force
    if (Test-Path -LiteralPath $File) { Remove-Item -LiteralPath $File -Force }
    & mkfifo $File
    if ($LASTEXITCODE -ne 0) { throw "mkfifo $File failed" }
}

function New-Case {
    param([string] $Name, [string] $Category, [string] $Command, [string] $Path, [string] $Expect,
        [string] $Check, [string] $ErrorId, [string] $Outside, [string] $BindMount, [switch] $Unprivileged, [string] $Note)
    [pscustomobject]@{
        Name = $Name; Category = $Category; Command = $Command; Path = $Path; Expect = $Expect
        Check = $Check; ErrorId = $ErrorId; Outside = $Outside; BindMount = $BindMount; Unprivileged = [bool]$Unprivileged; Note = $Note
    }
}

# Writes a root folder as a zip; $Extra adds entries (name -> scriptblock writing to the entry stream, or bytes).
function New-RootZip([string] $Zip, [string] $From, [object[]] $Extra = @(), [string[]] $Skip = @()) {
    $archive = [System.IO.Compression.ZipFile]::Open($Zip, 'Create')
    try {
        Get-ChildItem -LiteralPath $From -Recurse -File -Force | Where-Object { -not $_.LinkTarget } | ForEach-Object {
            $name = $_.FullName.Substring($From.Length + 1).Replace('\', '/')
            if ($Skip -notcontains $name) {
                $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $_.FullName, $name)
            }
        }
        foreach ($e in $Extra) {
            $entry = $archive.CreateEntry($e.Name, $e.Level)
            $stream = $entry.Open()
            try { & $e.Write $stream } finally { $stream.Dispose() }
        }
    }
    finally { $archive.Dispose() }
}

$outside = Join-Path $Path 'outside'      # stands for the rescue VM: nothing may change under it
$null = New-Item -ItemType Directory -Path (Join-Path $outside 'systemd') -Force
Set-Content -LiteralPath (Join-Path $outside 'secret') -Value 'rescue VM secret' -NoNewline
Set-Content -LiteralPath (Join-Path $outside 'systemd/keep.conf') -Value '[Service]'

# --- Links out of a mounted disk (repairs) -------------------------------------------------------------------------
$root = Join-Path $Path 'repair-dropin-folder-link'
& cp -a (Join-Path $Examples 'linux/agent-stopped') $root
Remove-Item -Recurse -Force (Join-Path $root 'etc/systemd/system/waagent.service.d')
$null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'etc/systemd/system/waagent.service.d') -Target (Join-Path $outside 'systemd')
$inside = Join-Path $root ((Join-Path $outside 'systemd').TrimStart('/'))
$null = New-Item -ItemType Directory -Path $inside -Force
Set-Content -LiteralPath (Join-Path $inside 'override.conf') -Value "[Service]`nRestart=no"
New-Case 'repair-dropin-folder-link' Link 'Repair-AzBackupAgent -EnableAutoRestart' $root Contained -Outside $outside -Note 'the drop-in folder is an absolute link to the rescue VM'

$root = Join-Path $Path 'repair-dropin-file-link'
& cp -a (Join-Path $Examples 'linux/agent-stopped') $root
$null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'etc/systemd/system/waagent.service.d/zz-azbackup-restart.conf') -Target (Join-Path $outside 'secret')
New-Case 'repair-dropin-file-link' Link 'Repair-AzBackupAgent -EnableAutoRestart' $root Contained -ErrorId RepairFailed -Outside $outside -Note 'the drop-in file is a link to a rescue VM file (it must not be copied in as a backup)'

$root = Join-Path $Path 'repair-conf-link'
& cp -a (Join-Path $Examples 'linux/extensions-disabled') $root
Copy-Item (Join-Path $root 'etc/waagent.conf') (Join-Path $outside 'waagent.conf')
Remove-Item -Force (Join-Path $root 'etc/waagent.conf')
$null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'etc/waagent.conf') -Target (Join-Path $outside 'waagent.conf')
New-Case 'repair-conf-link' Link 'Repair-AzBackupAgent -EnableExtensions' $root Contained -ErrorId RepairFailed -Outside $outside -Note 'waagent.conf is a link out of the disk'

# --- Not regular files ---------------------------------------------------------------------------------------------
$root = New-Root 'fifo-agent-log'
New-Fifo (Join-Path $root 'var/log/waagent.log')
New-Case 'fifo-agent-log' NotRegularFile 'Test-AzBackupAgentHealth -Path' $root CheckError -Check 'Linux.AgentLog'

$root = New-Root 'fifo-waagent-conf'
New-Fifo (Join-Path $root 'etc/waagent.conf')
New-Case 'fifo-waagent-conf' NotRegularFile 'Test-AzBackupAgentHealth -Path' $root CheckError -Check 'Linux.ExtensionsEnabled'

$root = New-Root 'devzero-agent-log'
New-Case 'devzero-agent-log' NotRegularFile 'Test-AzBackupAgentHealth -Path' $root CheckError -Check 'Linux.AgentLog' -BindMount 'var/log/waagent.log' -Note '/dev/zero is bind-mounted over the log in a private mount namespace'

$fifo = Join-Path $Path 'fifo-bundle.zip'
New-Fifo $fifo
New-Case 'fifo-bundle' NotRegularFile 'Test-AzBackupAgentHealth -Path' $fifo ErrorRecord -ErrorId InvalidRoot

$fifo = Join-Path $Path 'fifo-capture.json'
New-Fifo $fifo
New-Case 'fifo-capture' NotRegularFile 'Test-AzBackupAgentHealth -Path' $fifo ErrorRecord -ErrorId CaptureUnreadable

$fifo = Join-Path $Path 'fifo-servicetags.json'
New-Fifo $fifo
New-Case 'fifo-servicetags' NotRegularFile 'Add-AzDatacenterRoute -ServiceTagFile -WhatIf' $fifo ErrorRecord -ErrorId ServiceTagFileUnreadable

$fifo = Join-Path $Path 'fifo-destination.zip'
New-Fifo $fifo
New-Case 'fifo-destination' NotRegularFile 'Save-AzBackupAgentLog -Force' $fifo ErrorRecord -ErrorId DestinationNotRegularFile

$root = New-Root 'unreadable-lib-dir'
& chmod 000 (Join-Path $root 'var/lib/waagent')
New-Case 'unreadable-lib-dir' NotRegularFile 'Test-AzBackupAgentHealth -Path' $root CheckError -Check 'Linux.SnapshotExtension' -Unprivileged -Note 'an unreadable folder is an Error, not an empty one (mode 000, read without capabilities)'

# --- Sizes and paths -----------------------------------------------------------------------------------------------
$root = New-Root 'waagent-conf-over-limit'
$conf = Join-Path $root 'etc/waagent.conf'
$text = (Get-Content -Raw $conf) -replace 'Extensions.Enabled=y', ''
$writer = [System.IO.StreamWriter]::new($conf, $false)
try {
    $writer.Write($text)
    $line = '# padding the agent ignores' + ('.' * 100)
    for ($i = 0; $i -lt (4MB / 100) + 10; $i++) { $writer.WriteLine($line) }
    $writer.WriteLine('Extensions.Enabled=n')
}
finally { $writer.Dispose() }
New-Case 'waagent-conf-over-limit' Size 'Test-AzBackupAgentHealth -Path' $root CheckError -Check 'Linux.ExtensionsEnabled' -Note 'Extensions.Enabled=n after the 4 MiB read limit'

foreach ($p in @(
        @{ Name = 'dotdot-lib-dir'; Key = 'Lib.Dir'; Value = '/var/lib/../../etc'; Check = 'Linux.SnapshotExtension' },
        @{ Name = 'dotdot-extension-log-dir'; Key = 'Extension.LogDir'; Value = '/var/log/azure/../../../etc'; Check = 'Linux.ExtensionLog' },
        @{ Name = 'dotdot-policy-path'; Key = 'Policy.PolicyFilePath'; Value = '/etc/../../etc/shadow'; Check = 'Linux.ExtensionPolicy' })) {
    $root = New-Root $p.Name
    Add-Content -LiteralPath (Join-Path $root 'etc/waagent.conf') -Value "$($p.Key)=$($p.Value)`nDebug.EnableExtensionPolicy=y"
    New-Case $p.Name Path 'Test-AzBackupAgentHealth -Path' $root CheckError -Check $p.Check
}

# --- Zip bundles ---------------------------------------------------------------------------------------------------
$zeros = { param($s) $b = [byte[]]::new(1MB); for ($i = 0; $i -lt 16; $i++) { $s.Write($b, 0, $b.Length) } }
$zip = Join-Path $Path 'zip-bomb.zip'
New-RootZip $zip $healthy -Skip 'var/log/waagent.log' -Extra @(@{ Name = 'var/log/waagent.log'; Level = 'Optimal'; Write = $zeros })
New-Case 'zip-bomb' Zip 'Test-AzBackupAgentHealth -Path' $zip CheckError -Check 'Linux.AgentLog' -Note '16 MiB of zeros, about 1000 to 1'

$zip = Join-Path $Path 'zip-duplicate-entry.zip'
$second = { param($s) $b = [System.Text.Encoding]::ASCII.GetBytes("Extensions.Enabled=n`n"); $s.Write($b, 0, $b.Length) }
New-RootZip $zip $healthy -Extra @(@{ Name = 'etc/waagent.conf'; Level = 'Optimal'; Write = $second })
New-Case 'zip-duplicate-entry' Zip 'Test-AzBackupAgentHealth -Path' $zip CheckError -Check 'Linux.ExtensionsEnabled'

$zip = Join-Path $Path 'zip-crc-mismatch.zip'
$stored = { param($s) $b = [System.Text.Encoding]::ASCII.GetBytes("Extensions.Enabled=y`nLogs.Verbose=n`n"); $s.Write($b, 0, $b.Length) }
New-RootZip $zip $healthy -Skip 'etc/waagent.conf' -Extra @(@{ Name = 'etc/waagent.conf'; Level = 'NoCompression'; Write = $stored })
$bytes = [System.IO.File]::ReadAllBytes($zip)
$needle = [System.Text.Encoding]::ASCII.GetBytes('Extensions.Enabled=y')
$at = -1
for ($i = 0; $i -le $bytes.Length - $needle.Length -and $at -lt 0; $i++) {
    $match = $true
    for ($j = 0; $j -lt $needle.Length -and $match; $j++) { $match = $bytes[$i + $j] -eq $needle[$j] }
    if ($match) { $at = $i }
}
$bytes[$at + $needle.Length - 1] = [byte][char]'n'   # changed after the CRC was written
[System.IO.File]::WriteAllBytes($zip, $bytes)
New-Case 'zip-crc-mismatch' Zip 'Test-AzBackupAgentHealth -Path' $zip CheckError -Check 'Linux.ExtensionsEnabled'

# --- Windows captures ----------------------------------------------------------------------------------------------
$huge = Join-Path $Path 'capture-over-32MiB.json'
$stream = [System.IO.File]::Open($huge, 'CreateNew')
try { $stream.SetLength(32MB + 1) } finally { $stream.Dispose() }   # sparse: no disk space used
New-Case 'capture-over-size-limit' Capture 'Test-AzBackupAgentHealth -Path' $huge ErrorRecord -ErrorId CaptureTooLarge

$many = Join-Path $Path 'capture-too-many-keys.json'
$sb = [System.Text.StringBuilder]::new()
$null = $sb.Append('{"formatVersion":1,"computerName":"vm-many","capturedUtc":"2024-05-02T02:30:41Z","registry":[')
for ($i = 0; $i -le 100000; $i++) { $null = $sb.Append($(if ($i) { ',' } else { '' })).Append('{"hive":"HKLM","key":"SOFTWARE\\K').Append($i).Append('"}') }
$null = $sb.Append(']}')
[System.IO.File]::WriteAllText($many, $sb.ToString())
New-Case 'capture-too-many-keys' Capture 'Test-AzBackupAgentHealth -Path' $many ErrorRecord -ErrorId CaptureTooLarge

$big = Join-Path $Path 'capture-huge-key.json'
$sb = [System.Text.StringBuilder]::new('{"hive":"HKLM","key":"SOFTWARE\\AzBackupTroubleshoot\\Huge","values":[')
for ($i = 0; $i -lt $HugeKeyValues; $i++) { $null = $sb.Append($(if ($i) { ',' } else { '' })).Append('{"name":"v').Append($i).Append('","kind":"DWord","data":').Append($i).Append('}') }
$null = $sb.Append(']},')
$text = Get-Content -Raw $capture
$at = $text.IndexOf('"registry": [') + '"registry": ['.Length
[System.IO.File]::WriteAllText($big, $text.Insert($at, $sb.ToString()))
New-Case 'capture-huge-key' Capture 'Test-AzBackupAgentHealth -Path' $big Results -Note "$HugeKeyValues values in one registry key (was quadratic)"
