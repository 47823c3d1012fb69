<#
.SYNOPSIS
    Builds the hostile-input corpus of issue 11 in a folder (a temp folder: the corpus is generated, never committed).
.DESCRIPTION
    -Category Secrets: a Linux root copied from examples/linux/extension-failing with every secret form of
    fixtures/hostile/secret-lines.txt planted where a bundle takes files from: plain logs (waagent.log, the extension's
    log), the extension's status file (in the status message, which the checks copy into results), its settings file,
    the goal state's ExtensionsConfig XML, ovf-env.xml (UserPassword, CustomData), waagent.conf, netplan (wifi and 802.1x
    passwords, inline and on their own line), a NetworkManager keyfile, a UTF-16 log, and rotated logs compressed with gzip
    (named .gz and not), xz, bzip2 and zstd (with the real tools when on PATH, otherwise the format's signature followed by
    the text as it is, which is what a stored block looks like).
    Every secret holds the marker HOSTILESECRET. The result says which files must be left out of a bundle.
    For Windows it writes a system drive folder (drive-c: the agent's logs, plain, UTF-16, gzip, zip and zstd, the
    extension's settings and status) and a capture (examples/windows/extension-crashes.json with the secrets in its event
    messages).
.OUTPUTS
    [pscustomobject] with Root, Marker, Forms (the form ids), Planted (root-relative files holding secrets),
    MustBeLeftOut (root-relative files compressed in a form the module cannot open), and for Windows Drive, Capture,
    WinPlanted and WinMustBeLeftOut (drive-relative).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $Path,
    [ValidateSet('Secrets')][string] $Category = 'Secrets'
)

$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent $PSScriptRoot
$marker = 'HOSTILESECRET'
$forms = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'fixtures/hostile/secret-lines.txt') |
    Where-Object { $_ -and -not $_.StartsWith('#') } |
    ForEach-Object { $id, $line = $_ -split "`t", 2; [pscustomobject]@{ Id = $id; Line = $line } }
$text = ($forms.Line -join "`n") + "`n"
$utf8 = [System.Text.UTF8Encoding]::new($false)

$root = Join-Path $Path 'root'
$null = New-Item -ItemType Directory -Path $root -Force
& cp -a (Join-Path $repo 'examples/linux/extension-failing/.') $root
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
$captureText = (Get-Content -Raw -LiteralPath (Join-Path $repo 'examples/windows/extension-crashes.json')).Replace('"Message": "', '"Message": "' + $escaped + ' ')
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
