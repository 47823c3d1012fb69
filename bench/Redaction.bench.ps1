<#
.SYNOPSIS
    Times the one redactor (SecretRedactor) on a 64 MiB agent log and on hostile floods, and the planted corpus end to end.
.DESCRIPTION
    Baseline in the same run: one case-insensitive IndexOf pass over the whole text (a word that is not there): the least
    any redactor must do. The redactor makes about 27 such passes (one per literal that gates a pattern) plus the patterns.
    Cases: a 64 MiB waagent.log made of the example root's lines with a SAS URL and a protectedSettings every 1,000 lines;
    3 MiB runs of each character the patterns start or continue on (\ " ' & %) with a secret after them; and
    Save-AzBackupAgentLog on the hostile corpus (tests/New-HostileCorpus.ps1). Prints a markdown table; the peak working
    set of the process is read at the end.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Redaction.bench.ps1 -ModulePath out/AzBackupTroubleshoot
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/AzBackupTroubleshoot'),
    [int] $LogMiB = 64
)

$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path (Resolve-Path $ModulePath) 'AzBackupTroubleshoot.psd1') -Force
$redactor = [AzBackupTroubleshoot.Core.Redaction.SecretRedactor]::new()

function Measure-Case([string] $Name, [string] $Text) {
    $base = Measure-Command { $null = $Text.IndexOf('NoSuchWordInTheText', [StringComparison]::OrdinalIgnoreCase) }
    $ok = $false
    $time = Measure-Command { $script:ok = $redactor.TryRedact($Text, [ref]$null, $null, $false) }
    [pscustomobject]@{
        Case = $Name; Chars = $Text.Length; Checked = $script:ok
        RedactMs = [math]::Round($time.TotalMilliseconds); BaselineMs = [math]::Round($base.TotalMilliseconds, 1)
        MiBPerS = [math]::Round(($Text.Length / 1MB) / $time.TotalSeconds, 1)
    }
}

$lines = Get-Content (Join-Path $repo 'examples/linux/extension-failing/var/log/waagent.log')
$sb = [System.Text.StringBuilder]::new()
for ($i = 0; $sb.Length -lt $LogMiB * 1MB; $i++) {
    $null = $sb.AppendLine($lines[$i % $lines.Count])
    if ($i % 1000 -eq 0) { $null = $sb.AppendLine("upload https://md.blob.core.windows.net/s/x?sv=1&sig=SECRET$i%2B&se=2 {""protectedSettings"":""MIIB$i""}") }
}

$rows = @(Measure-Case "$LogMiB MiB agent log" $sb.ToString())
$sb = $null
foreach ($c in '\', '"', "'", '&', '%') {
    $rows += Measure-Case "3 MiB of $c" ((([string]$c) * (2MB)) + ' https://a/b?sv=1&sig=SECRET&se=2 ' + (([string]$c) * (1MB)) + '"password":"SECRET"')
}

$corpus = Join-Path ([System.IO.Path]::GetTempPath()) ('abt-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
try {
    $built = & (Join-Path $repo 'tests/New-HostileCorpus.ps1') -Path $corpus -Category Secrets
    $zip = Join-Path $corpus 'bundle.zip'
    $time = Measure-Command { $script:report = Save-AzBackupAgentLog -Path $built.Root -Destination $zip }
    $rows += [pscustomobject]@{ Case = "Save-AzBackupAgentLog on the hostile corpus ($($report.FileCount) files, $($report.RedactedCount) redactions, $($report.LeftOut.Count) left out)"; Chars = $null; Checked = $true; RedactMs = [math]::Round($time.TotalMilliseconds); BaselineMs = $null; MiBPerS = $null }
}
finally { Remove-Item -LiteralPath $corpus -Recurse -Force -ErrorAction SilentlyContinue }

'| case | chars | checked | redact ms | IndexOf baseline ms | MiB/s |'
'|---|---|---|---|---|---|'
foreach ($r in $rows) { '| {0} | {1:N0} | {2} | {3} | {4} | {5} |' -f $r.Case, $r.Chars, $r.Checked, $r.RedactMs, $r.BaselineMs, $r.MiBPerS }
'peak working set: {0:N0} MiB; load average: {1}' -f ((Get-Process -Id $PID).PeakWorkingSet64 / 1MB), (((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3) -join ' ')
