<#
.SYNOPSIS
    Service Tags aggregation: C# (parse the whole file + select + aggregate) beside IPNetwork2 and Python's
    ipaddress.collapse_addresses, each timed inside its own process; checks the block lists are identical.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/ServiceTags.bench.ps1 -Runs 15
#>
param(
    [int] $Runs = 15,
    [string] $ServiceTagFile,
    # Accepted (and not needed) so that ./build.ps1 -Task Bench can call every bench script alike.
    [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'ServiceTags.Bench'
$arguments = @('run', '-c', 'Release', '--project', $project, '--', '--runs', $Runs)
if ($ServiceTagFile) { $arguments += $ServiceTagFile }
& dotnet @arguments
if ($LASTEXITCODE -ne 0) { throw "ServiceTags.Bench failed with exit code $LASTEXITCODE (block lists differ or python3 failed)." }
