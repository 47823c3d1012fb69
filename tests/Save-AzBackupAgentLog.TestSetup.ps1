# The setup both Save-AzBackupAgentLog test files share (dot-sourced in their BeforeAll): an example root seeded with
# secrets the bundle must redact, and Get-ZipText.
. (Join-Path $PSScriptRoot 'TestSetup.ps1')
$script:Examples = Join-Path $RepoRoot 'examples/linux'
$script:Sig = 'U0VDUkVUU0lHTkFUVVJFZm9yUGVzdGVy'
$script:Protected = 'MIIBsPROTECTEDSETTINGSFORPESTER'
$script:Key = 'MIIEvQIBADANPRIVATEKEYFORPESTER'
$script:Seeded = Join-Path $TestDrive 'seeded'
& cp -a (Join-Path $Examples 'extension-failing') $Seeded
$ext = Join-Path $Seeded 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0'
$null = New-Item -ItemType Directory -Path (Join-Path $ext 'config') -Force
Set-Content -Path (Join-Path $ext 'config/13.settings') -Value ('{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"1BE9","protectedSettings":"' + $Protected + '","publicSettings":{"logsBlobUri":"https://md.blob.core.windows.net/l/x?sv=2018-03-28&sig=' + $Sig + '&se=2024"}}}]}') -ErrorAction Stop
Set-Content -Path (Join-Path $Seeded 'var/lib/waagent/TransportPrivate.pem') -Value "-----BEGIN PRIVATE KEY-----`n$Key`n-----END PRIVATE KEY-----"
Add-Content -Path (Join-Path $Seeded 'var/log/waagent.log') -Value "2024-05-02T02:31:30.000000Z ERROR ExtHandler ExtHandler upload failed: https://md.blob.core.windows.net/s/vm.status?sv=1&sig=$Sig&se=2"

function Get-ZipText([string] $Zip) {
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $z = [System.IO.Compression.ZipFile]::OpenRead($Zip)
    try {
        foreach ($e in $z.Entries | Where-Object { -not $_.FullName.EndsWith('/') }) {
            $s = [System.IO.StreamReader]::new($e.Open(), [System.Text.Encoding]::Latin1)
            [pscustomobject]@{ Name = $e.FullName; Text = $s.ReadToEnd() }
            $s.Dispose()
        }
    }
    finally { $z.Dispose() }
}
