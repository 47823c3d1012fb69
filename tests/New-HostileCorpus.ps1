<#
.SYNOPSIS
Generates the hostile-input corpus of issue 11 into a folder (never committed: the big cases are made here). One script
for both kinds: -Category Files (hostile files, links, FIFOs, sizes, zips, captures) and -Category Secrets (every secret
form planted where a bundle takes files from).

.DESCRIPTION
-Category Files: each case is a Linux root, a bundle, a Windows capture, a Service Tags file, a repair root or a
destination that once ended badly (a hang, a write outside the root, a silent cut, an unhandled exception, a full
decompression, a folder that could not be listed read as empty). One object per case:
  Name      the case (stable, used by tests/HostileInput.Tests.ps1 and bench/HostileCorpus.bench.ps1)
  Category  what kind of hostile input it is (Link, NotRegularFile, Size, Zip, Capture, Path)
  Command   the cmdlet that reads or writes it
  Path      the input (root folder, zip, json, destination)
  Expect    'CheckError' (an Error result for Check), 'ErrorRecord' (one error record ErrorId), 'Contained' (a repair
            that writes nowhere outside Outside) or 'Results' (ordinary results, in bounded time)
  Check / ErrorId / Outside / BindMount / Unprivileged / Folder   details for Expect (Unprivileged: run without
            capabilities, in a user namespace as uid 1000, so that the mode-000 Folder is really unreadable)
FIFOs are made with mkfifo(1); a character device is never created: the /dev/zero case carries BindMount, and the test
bind-mounts /dev/zero over the file inside a private mount namespace (unshare -m).

-Category Secrets: a Linux root ('root', copied from examples/linux/extension-failing) with every secret form of
fixtures/hostile/secret-lines.txt planted where a bundle takes files from: plain logs (waagent.log, the extension's
log), the extension's status file (in the status message, which the checks copy into results), its settings file, the
goal state's ExtensionsConfig XML, ovf-env.xml (UserPassword, CustomData), waagent.conf, netplan (wifi and 802.1x
passwords, inline and on their own line), a NetworkManager keyfile, a UTF-16 log, and rotated logs compressed with gzip
(named .gz and not), xz, bzip2 and zstd (with the real tools when on PATH, otherwise the format's signature followed by
the text as it is, which is what a stored block looks like). Every secret holds the marker HOSTILESECRET. For Windows it
writes a system drive folder (drive-c: the agent's logs, plain, UTF-16, gzip, zip and zstd, the extension's settings and
status) and a capture (examples/windows/extension-crashes.json with the secrets in its event messages). One object:
Root, Marker, Forms (the form ids), Planted (root-relative files holding secrets), MustBeLeftOut (root-relative files
compressed in a form the module cannot open), Drive, Capture, WinPlanted and WinMustBeLeftOut (drive-relative).

Nothing outside -Path is changed.

.EXAMPLE
./tests/New-HostileCorpus.ps1 -Path /tmp/corpus -Category Files
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][ValidateSet('Files', 'Secrets')][string] $Category,
    # The repository's examples folder (the roots and captures every case starts from).
    [string] $Examples = (Join-Path (Split-Path -Parent $PSScriptRoot) 'examples'),
    # Files: how many values the 'huge registry key' capture has.
    [int] $HugeKeyValues = 60000
)

$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$null = New-Item -ItemType Directory -Path $Path -Force
$Path = (Resolve-Path $Path).ProviderPath

# --- Files: hostile files, links, sizes, zips and captures (one object per case) ----------------------------------------
function New-FileCorpus {
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
            [string] $Check, [string] $ErrorId, [string] $Outside, [string] $BindMount, [switch] $Unprivileged, [string] $Folder, [string] $Note)
        [pscustomobject]@{
            Name = $Name; Category = $Category; Command = $Command; Path = $Path; Expect = $Expect
            Check = $Check; ErrorId = $ErrorId; Outside = $Outside; BindMount = $BindMount; Unprivileged = [bool]$Unprivileged; Folder = $Folder; Note = $Note
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

    # A folder each reader lists, made unreadable (mode 000; the test reads it without capabilities, as uid 1000 in a user
    # namespace): an Error for the check naming the folder, never an empty folder.
    foreach ($u in @(
            @{ Name = 'unreadable-lib-dir'; Folder = 'var/lib/waagent'; Check = 'Linux.SnapshotExtension' },
            @{ Name = 'unreadable-python-packages'; Folder = 'usr/lib/python3/dist-packages'; Check = 'Linux.AgentVersion' },
            @{ Name = 'unreadable-proc'; Folder = 'proc'; Check = 'Linux.AgentProcess' },
            @{ Name = 'unreadable-lease-folder'; Folder = 'run/systemd/netif/leases'; Check = 'Linux.DhcpWireServer' },
            @{ Name = 'unreadable-netplan'; Folder = 'etc/netplan'; Check = 'Linux.StaticNetwork' },
            @{ Name = 'unreadable-dropin-folder'; Folder = 'etc/systemd/system/walinuxagent.service.d'; Check = 'Linux.AgentAutoRestart' })) {
        $root = New-Root $u.Name
        $folder = Join-Path $root $u.Folder
        $null = New-Item -ItemType Directory -Path $folder -Force
        if ($u.Name -eq 'unreadable-dropin-folder') { Set-Content -LiteralPath (Join-Path $folder '10-restart.conf') -Value "[Service]`nRestart=always" }
        & chmod 000 $folder
        New-Case $u.Name NotRegularFile 'Test-AzBackupAgentHealth -Path' $root CheckError -Check $u.Check -Unprivileged -Folder "/$($u.Folder)" -Note 'an unreadable folder is an Error naming it, not an empty one (mode 000, read without capabilities)'
    }

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
}

# --- Secrets: every secret form planted in a Linux root, a Windows drive and a capture (one object) ---------------------
function New-SecretCorpus {
    $marker = 'HOSTILESECRET'
    $forms = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'fixtures/hostile/secret-lines.txt') |
        Where-Object { $_ -and -not $_.StartsWith('#') } |
        ForEach-Object { $id, $line = $_ -split "`t", 2; [pscustomobject]@{ Id = $id; Line = $line } }
    $text = ($forms.Line -join "`n") + "`n"
    $utf8 = [System.Text.UTF8Encoding]::new($false)

    $root = Join-Path $Path 'root'
    $null = New-Item -ItemType Directory -Path $root -Force
    & cp -a (Join-Path $Examples 'linux/extension-failing/.') $root
    if ($LASTEXITCODE) { throw "Copying the example root to '$root' failed." }

    $planted = [System.Collections.Generic.List[string]]::new()
    function Write-Planted([string] $Relative, $Content, [switch] $Append) {
        $file = Join-Path $root $Relative
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $file) -Force
        if ($Content -is [System.Array]) { [System.IO.File]::WriteAllBytes($file, [byte[]]$Content) }
        elseif ($Append) { [System.IO.File]::AppendAllText($file, $Content, $utf8) }
        else { [System.IO.File]::WriteAllText($file, $Content, $utf8) }
        $planted.Add($Relative)
    }

    function ConvertTo-Gzip([byte[]] $Bytes) {
        $out = [System.IO.MemoryStream]::new()
        $gz = [System.IO.Compression.GZipStream]::new($out, [System.IO.Compression.CompressionLevel]::Optimal, $true)
        $gz.Write($Bytes, 0, $Bytes.Length); $gz.Dispose()
        , $out.ToArray()
    }

    # A compressed file made by the real tool when it is here, else the format's signature and the text as it is.
    function New-Compressed([string] $Tool, [string] $Suffix, [byte[]] $Magic, [byte[]] $Bytes) {
        $cmd = Get-Command $Tool -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($cmd) {
            $plain = Join-Path $Path ([guid]::NewGuid().ToString('N'))
            [System.IO.File]::WriteAllBytes($plain, $Bytes)
            & $cmd.Source -q -f $plain 2>$null
            $ok = $LASTEXITCODE -eq 0 -and (Test-Path -LiteralPath ($plain + $Suffix))
            $result = if ($ok) { [System.IO.File]::ReadAllBytes($plain + $Suffix) }
            Remove-Item -LiteralPath $plain, ($plain + $Suffix) -ErrorAction SilentlyContinue
            if ($ok) { return , $result }
        }
        , [byte[]]($Magic + $Bytes)
    }

    $ext = 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0'
    $extLog = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux'

    # Plain logs.
    Write-Planted 'var/log/waagent.log' $text -Append
    Write-Planted "$extLog/extension.log" $text -Append
    Write-Planted "$extLog/utf16.log" ([byte[]](0xFF, 0xFE) + [System.Text.Encoding]::Unicode.GetBytes($text))

    # The status file: the secrets in the status message (copied into results) and its JSON-escaped form.
    $message = 'snapshot failed: ' + ($forms | Where-Object Id -in 'SasPlain', 'AccountKey', 'BearerJwt', 'PasswordProperty' | ForEach-Object Line) -join ' | '
    $status = @(@{ version = '1.0.9184.0'; timestampUTC = '2024-05-02T02:30:41Z'; status = @{
                name = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux'; operation = 'Enable'; status = 'error'; code = '76'
                formattedMessage = @{ lang = 'en-US'; message = (@{ messageStr = $message; failure_flag = $true } | ConvertTo-Json -Compress) } } })
    Write-Planted "$ext/status/13.status" (ConvertTo-Json -InputObject $status -Depth 6 -Compress)

    # The settings file and the goal state, as the agent writes them.
    Write-Planted "$ext/config/13.settings" ('{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"MIIB' + $marker +
        '30==","publicSettings":{"logsBlobUri":"https://md.blob.core.windows.net/l/x?sv=2018-03-28&sig=' + $marker + '31&se=2024"}}}]}')
    Write-Planted 'var/lib/waagent/ExtensionsConfig.13.xml' ('<?xml version="1.0" encoding="utf-8"?><Extensions><StatusUploadBlob statusBlobType="BlockBlob">' +
        'https://md.blob.core.windows.net/$system/vm.status?sv=2018-03-28&amp;sr=b&amp;sig=' + $marker + '32&amp;se=2025</StatusUploadBlob>' +
        '<PluginSettings><Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9184.0"><RuntimeSettings seqNo="13">' +
        '{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"' + $marker + '33","publicSettings":{}}}]}' +
        '</RuntimeSettings></Plugin></PluginSettings></Extensions>')
    Write-Planted 'var/lib/waagent/ovf-env.xml' ('<?xml version="1.0" encoding="utf-8"?><ns0:Environment xmlns:ns0="http://schemas.dmtf.org/ovf/environment/1" xmlns:ns1="http://schemas.microsoft.com/windowsazure">' +
        '<ns1:ProvisioningSection><ns1:LinuxProvisioningConfigurationSet><ns1:UserName>azureuser</ns1:UserName><ns1:UserPassword>' + $marker + '34</ns1:UserPassword>' +
        '<ns1:CustomData>IyEvYmluL2Jhc2gK' + $marker + '35</ns1:CustomData></ns1:LinuxProvisioningConfigurationSet></ns1:ProvisioningSection></ns0:Environment>')

    # waagent.conf: a comment with a SAS URL and a proxy with credentials.
    Write-Planted 'etc/waagent.conf' ("`n# status upload: https://md.blob.core.windows.net/s/x?sv=1&sig=${marker}36&se=2`n# http_proxy=http://backup:${marker}37@proxy.example:3128`n") -Append

    # netplan: a wifi access point and 802.1x written inline, and a password on its own line.
    Write-Planted 'etc/netplan/60-wifi.yaml' @"
network:
  version: 2
  wifis:
    wlan0:
      dhcp4: true
      access-points:
        "home": {password: "${marker}40 with spaces"}
        "office":
          auth: {key-management: eap, method: peap, identity: "me@example.com", password: ${marker}41}
        "lab":
          password: "${marker}42"
        "guest":
          auth:
            key-management: psk
            password: '${marker}43''quoted'
  ethernets:
    eth1:
      auth: {key-management: 802.1x, method: tls, client-key-password: "${marker}44"}
"@
    Write-Planted 'etc/NetworkManager/system-connections/home.nmconnection' "[wifi-security]`nkey-mgmt=wpa-psk`npsk=${marker}45`n[802-1x]`nphase2-private-key-password=${marker}46`n"

    # Rotated logs: gzip (named .gz, and not), then formats the module cannot open, which must be left out.
    $bytes = $utf8.GetBytes($text)
    Write-Planted 'var/log/waagent.log.1.gz' (ConvertTo-Gzip $bytes)
    Write-Planted 'var/log/waagent.log.2' (ConvertTo-Gzip $bytes)
    Write-Planted "$extLog/extension.log.1.gz" (ConvertTo-Gzip $bytes)
    $mustBeLeftOut = 'var/log/waagent.log.3.xz', 'var/log/waagent.log.4.bz2', 'var/log/waagent.log.5.zst', "$extLog/extension.log.2.zst"
    Write-Planted $mustBeLeftOut[0] (New-Compressed 'xz' '.xz' ([byte[]](0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00)) $bytes)
    Write-Planted $mustBeLeftOut[1] (New-Compressed 'bzip2' '.bz2' ([System.Text.Encoding]::ASCII.GetBytes('BZh9')) $bytes)
    Write-Planted $mustBeLeftOut[2] (New-Compressed 'zstd' '.zst' ([byte[]](0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x00)) $bytes)
    # A zstd frame with the text stored as it is (a raw block): byte-wise redaction would have corrupted it.
    Write-Planted $mustBeLeftOut[3] ([byte[]](0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x00) + $bytes)

    # A Windows system drive as the agent leaves it, and a capture whose event messages carry the secrets.
    $drive = Join-Path $Path 'drive-c'
    $plugin = 'Microsoft.Azure.RecoveryServices.VMSnapshot'
    $winLogs = "WindowsAzure/Logs/Plugins/$plugin/1.0.75.0"
    $package = "Packages/Plugins/$plugin/1.0.75.0"
    $winPlanted = [System.Collections.Generic.List[string]]::new()
    function Write-WinPlanted([string] $Relative, $Content) {
        $file = Join-Path $drive $Relative
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $file) -Force
        if ($Content -is [System.Array]) { [System.IO.File]::WriteAllBytes($file, [byte[]]$Content) } else { [System.IO.File]::WriteAllText($file, $Content, $utf8) }
        $winPlanted.Add($Relative)
    }
    Write-WinPlanted 'WindowsAzure/Logs/WaAppAgent.log' ($text -replace "`n", "`r`n")
    Write-WinPlanted "$winLogs/IaaSBcdrExtension1.log" $text
    Write-WinPlanted "$winLogs/CommandExecution.log" ([byte[]](0xFF, 0xFE) + [System.Text.Encoding]::Unicode.GetBytes($text))
    Write-WinPlanted "$winLogs/Rotated/IaaSBcdrExtension0.log.gz" (ConvertTo-Gzip $bytes)
    $zipFile = Join-Path $Path 'stored.zip'
    $archive = [System.IO.Compression.ZipFile]::Open($zipFile, 'Create')
    $entry = $archive.CreateEntry('old.log', [System.IO.Compression.CompressionLevel]::NoCompression)
    $stream = $entry.Open(); $stream.Write($bytes, 0, $bytes.Length); $stream.Dispose(); $archive.Dispose()
    Write-WinPlanted "$winLogs/Rotated/old-logs.zip" ([System.IO.File]::ReadAllBytes($zipFile))
    Write-WinPlanted "$winLogs/Rotated/IaaSBcdrExtension2.log.zst" ([byte[]](0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x00) + $bytes)
    $winMustBeLeftOut = "$winLogs/Rotated/old-logs.zip", "$winLogs/Rotated/IaaSBcdrExtension2.log.zst"
    Write-WinPlanted "$package/RuntimeSettings/12.settings" ('{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"MIIB' + $marker +
        '50==","publicSettings":{"logsBlobUri":"https://md.blob.core.windows.net/l/x?sv=2018-03-28&sig=' + $marker + '51&se=2024"}}}]}')
    Write-WinPlanted "$package/Status/12.status" (ConvertTo-Json -InputObject $status -Depth 6 -Compress)
    $escaped = ($text | ConvertTo-Json).Trim('"')
    $captureText = (Get-Content -Raw -LiteralPath (Join-Path $Examples 'windows/extension-crashes.json')).Replace('"Message": "', '"Message": "' + $escaped + ' ')
    $capture = Join-Path $Path 'capture.json'
    [System.IO.File]::WriteAllText($capture, $captureText, $utf8)

    [pscustomobject]@{
        Drive            = $drive
        Capture          = $capture
        WinPlanted       = @($winPlanted)
        WinMustBeLeftOut = @($winMustBeLeftOut)
        Root          = $root
        Marker        = $marker
        Forms         = @($forms.Id)
        Planted       = @($planted)
        MustBeLeftOut = @($mustBeLeftOut)
    }
}

switch ($Category) {
    'Files' { New-FileCorpus }
    'Secrets' { New-SecretCorpus }
}
