# Helpers of the datacenter-route Pester files (dot-sourced after TestSetup.ps1). Every route change happens inside a
# network namespace created here; the host's route table is never touched.

# The real Service Tags file: shared/fixtures beside the repository (or beside one of its parents).
$script:ServiceTagsFile = & {
    $own = Join-Path $RepoRoot 'tests/fixtures/servicetags/ServiceTags_Public.json'
    if (Test-Path $own) { return $own }
    $dir = Get-Item $RepoRoot
    while ($dir) {
        $candidate = Join-Path $dir.FullName 'shared/fixtures/servicetags/ServiceTags_Public.json'
        if (Test-Path $candidate) { return $candidate }
        $dir = $dir.Parent
    }
    throw "shared/fixtures/servicetags/ServiceTags_Public.json not found beside $RepoRoot"
}

# A namespace with one interface (dummy, or a veth pair where the kernel has no dummy driver), 192.0.2.10/24 and
# 2001:db8::10/64, and default routes via 192.0.2.1 and 2001:db8::1.
function New-TestNamespace {
    $name = 'abt-test-' + [guid]::NewGuid().ToString('N').Substring(0, 10)
    ip netns add $name
    if ($LASTEXITCODE -ne 0) { throw "ip netns add $name failed" }
    ip -n $name link add abt0 type dummy 2>$null
    if ($LASTEXITCODE -ne 0) {
        ip -n $name link add abt0 type veth peer name abt0peer
        ip -n $name link set abt0peer up
    }
    ip -n $name link set abt0 up
    ip -n $name addr add 192.0.2.10/24 dev abt0
    ip -n $name addr add 2001:db8::10/64 dev abt0 nodad
    ip -n $name route add default via 192.0.2.1 dev abt0
    ip -n $name -6 route add default via 2001:db8::1 dev abt0
    if ($LASTEXITCODE -ne 0) { Remove-TestNamespace $name; throw "setting up $name failed" }
    $name
}

# The state folder (AZBACKUPTROUBLESHOOT_STATE_DIR) the cmdlets use inside a namespace: under TestDrive, one per namespace.
function Get-TestStateFolder([string] $Namespace) {
    $dir = Join-Path $TestDrive "state-$Namespace"
    if (-not (Test-Path $dir)) { $null = New-Item -ItemType Directory -Path $dir }
    $dir
}

# Every route of the namespace, both families, every table (ip route show table all), as text lines.
function Get-FullRouteSnapshot([string] $Namespace) {
    # IPv6 link-local lines are left out: the kernel adds them by itself while the link comes up.
    @(ip -n $Namespace -4 route show table all) + @(ip -n $Namespace -6 route show table all | Where-Object { $_ -notmatch 'fe80:' })
}

# A Service Tags file (Discovery API shape) in TestDrive with one tag per name => prefixes; returns its path.
function New-TestServiceTagFile {
    param([System.Collections.IDictionary] $Tags, [string] $Name = ('tags-' + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.json'))
    $values = foreach ($key in $Tags.Keys) {
        @{ name = $key; id = $key; properties = @{ region = 'test'; changeNumber = 1; addressPrefixes = @($Tags[$key]) } }
    }
    $path = Join-Path $TestDrive $Name
    @{ changeNumber = 1; cloud = 'Public'; values = @($values) } | ConvertTo-Json -Depth 6 | Set-Content -Path $path
    $path
}

function Remove-TestNamespace([string] $Name) {
    if ($Name) { ip netns del $Name 2>$null }
}

# Runs a command line in a child pwsh inside the namespace (optionally as another uid through a user namespace, which
# also has no right to change any route outside it) and returns its RouteChange output, warnings and errors.
function Invoke-InNamespace {
    param([string] $Namespace, [string] $Command, [int] $AsUser = -1)
    # The module's record of its routes goes to a folder of this namespace's own under TestDrive, never /var/lib.
    $state = Get-TestStateFolder $Namespace
    $script = @"
`$ProgressPreference = 'SilentlyContinue'
`$env:AZBACKUPTROUBLESHOOT_STATE_DIR = '$state'
Import-Module '$ModuleManifest'
`$out = @(); `$w = @(); `$e = @(); `$term = `$null
try { `$out = @($Command -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -Confirm:`$false) }
catch { `$term = `$_ }
# -ErrorVariable holds a terminating error as the exception that carries it; the catch block has its record.
`$e = @(@(`$e) + @(`$term) | Where-Object { `$_ } | ForEach-Object { if (`$_ -is [System.Management.Automation.IContainsErrorRecord]) { `$_.ErrorRecord } else { `$_ } } | Group-Object { `$_.FullyQualifiedErrorId + [string]`$_ } | ForEach-Object { `$_.Group[0] })
[pscustomobject]@{
    Changes = @(`$out | ForEach-Object { [pscustomobject]@{ DestinationPrefix = `$_.DestinationPrefix; NextHop = `$_.NextHop; Interface = `$_.Interface; Action = [string]`$_.Action; ServiceTags = @(`$_.ServiceTags) } })
    Warnings = @(`$w | ForEach-Object { [string]`$_ })
    Errors = @(`$e | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Category = [string]`$_.CategoryInfo.Category; Message = [string]`$_ } })
} | ConvertTo-Json -Depth 5 -Compress
"@
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    $pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    $prefix = @('ip', 'netns', 'exec', $Namespace)
    if ($AsUser -ge 0) { $prefix += @('unshare', '--user', "--map-user=$AsUser", "--map-group=$AsUser") }
    $all = $prefix + $pwsh
    $json = & $all[0] $all[1..($all.Count - 1)]
    if ($LASTEXITCODE -ne 0 -or -not $json) { throw "child pwsh in $Namespace failed ($LASTEXITCODE): $json" }
    $result = ($json | Select-Object -Last 1) | ConvertFrom-Json
    $result.Changes = @($result.Changes)
    $result.Warnings = @($result.Warnings)
    $result.Errors = @($result.Errors)
    $result
}

# The destinations of the module's routes (proto 252) in the namespace, sorted, with /32 (/128) spelt out.
function Get-OwnKernelRoute {
    param([string] $Namespace, [ValidateSet('IPv4', 'IPv6')] [string] $AddressFamily = 'IPv4')
    $flag = if ($AddressFamily -eq 'IPv4') { '-4' } else { '-6' }
    $full = if ($AddressFamily -eq 'IPv4') { '/32' } else { '/128' }
    @(ip -n $Namespace $flag route show proto 252 | ForEach-Object { $d = ($_ -split ' ')[0]; if ($d -notmatch '/') { $d += $full }; $d } | Sort-Object)
}

# A stand-in for ip, first on PATH, that passes everything to the real ip except a batch of route additions: there it
# lets the real ip apply the lines before -FailAtLine and then fails as ip -batch does ("Command failed -:N").
function New-FailingIpStub {
    param([int] $FailAtLine)
    $dir = Join-Path $TestDrive ('ipstub-' + [guid]::NewGuid().ToString('N').Substring(0, 6))
    $null = New-Item -ItemType Directory -Path $dir
    $real = (Get-Command ip -CommandType Application | Select-Object -First 1).Source
    $stub = Join-Path $dir 'ip'
    Set-Content -Path $stub -Value @"
#!/usr/bin/env bash
if [[ " `$* " == *" -batch "* ]]; then
  input=`$(cat)
  if grep -q '^route add' <<<"`$input"; then
    head -n $($FailAtLine - 1) <<<"`$input" | '$real' "`$@" || exit `$?
    echo 'RTNETLINK answers: Invalid argument (test stand-in)' >&2
    echo 'Command failed -:$FailAtLine' >&2
    exit 1
  fi
  '$real' "`$@" <<<"`$input"
  exit `$?
fi
exec '$real' "`$@"
"@
    chmod +x $stub
    $dir
}

# The namespace's IPv4 routes of every table and its IPv6 main-table routes other than link-local ones (which the kernel
# adds by itself while the link comes up): what a route change would show in.
function Get-RouteSnapshot([string] $Namespace) {
    @(ip -n $Namespace -4 route show table all) + @(ip -n $Namespace -6 route show table main | Where-Object { $_ -notmatch '^fe80:' })
}
