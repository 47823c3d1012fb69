# Dot-sourced by the Linux cmdlet tests. Runs a PowerShell script in a child process isolated with unshare: its own
# network namespace (only loopback, so no packet can leave the machine), its own mount namespace (bind mounts there
# never touch the real system), optionally as a non-root user (a user namespace), and with recording stand-in
# commands first on PATH. The real systemctl, service and apt-get are never called.

function Test-Isolation {
    if (-not $IsLinux) { return $false }
    $null = & unshare -m -n true 2>$null
    $LASTEXITCODE -eq 0
}

function New-StandIns {
    param([Parameter(Mandatory)][string] $Folder, [string[]] $Name = @('systemctl', 'service', 'apt-get', 'dnf', 'yum', 'zypper'))
    $null = New-Item -ItemType Directory -Path $Folder -Force
    $log = Join-Path $Folder 'calls.log'
    foreach ($n in $Name) {
        $path = Join-Path $Folder $n
        Set-Content -Path $path -Value "#!/bin/sh`nprintf '%s\n' `"$n `$*`" >> '$log'`nexit 0`n" -NoNewline
        & chmod 755 $path
    }
    $log
}

function Invoke-Isolated {
    param(
        [Parameter(Mandatory)][string] $Script,
        [string] $UnitFolder,
        [string] $StandIns,
        [switch] $NonRoot
    )
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('azbt-iso-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        $ps1 = Join-Path $work 'child.ps1'
        Set-Content -Path $ps1 -Value ("`$ErrorActionPreference = 'Stop'`nImport-Module '$ModuleManifest'`n" + $Script)
        $dll = Join-Path $PSHOME 'pwsh.dll'
        $pwsh = if (Test-Path $dll) { "dotnet '$dll'" } else { "'" + (Get-Process -Id $PID).Path + "'" }
        $lines = @('set -e', 'mount --make-rprivate /', 'ip link set lo up')
        if ($UnitFolder) { $lines += "mount --bind '$UnitFolder' /lib/systemd/system" }
        $path = if ($StandIns) { "'$StandIns':`$PATH" } else { '$PATH' }
        $user = if ($NonRoot) { 'unshare -U ' } else { '' }
        $lines += "PATH=$path exec $user$pwsh -NoProfile -NonInteractive -File '$ps1'"
        $sh = Join-Path $work 'run.sh'
        Set-Content -Path $sh -Value ($lines -join "`n")
        $out = & unshare -m -n sh $sh 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($out | Out-String) }
    }
    finally {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
