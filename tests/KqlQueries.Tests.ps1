# The KQL check of the Resource Graph queries (tests/Kql/check-kql.js, Microsoft's Kusto.Language parser): build.ps1's
# Test task runs it over the module's queries and adds its counts to the final line. This file proves, once, that the
# check does fail on a deliberately broken query, and that every query the module embeds is among the checked files.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:KqlDir = Join-Path $RepoRoot 'tests/Kql'
    if (-not (Test-Path (Join-Path $KqlDir 'node_modules/@kusto/language-service-next'))) {
        throw "tests/Kql is not installed: build.ps1 -Task Test runs 'npm ci' there (or run it yourself)."
    }
}

Describe 'KQL check of the Resource Graph queries' {
    It 'fails on a deliberately broken query, naming the errors' {
        $summary = Join-Path $TestDrive 'kql.json'
        $out = & node (Join-Path $KqlDir 'check-kql.js') --summary $summary --files (Join-Path $KqlDir 'broken/UnknownColumnAndSyntax.kql')
        $LASTEXITCODE | Should -Be 1
        $s = Get-Content -Raw $summary | ConvertFrom-Json
        $s.passed | Should -Be 0
        $s.failed | Should -Be 1
        $s.results[0].errors | Should -Contain "line 5: KS142 The name 'powerStat' does not refer to any known column, table, variable or function."
        ($out -join "`n") | Should -Match 'KQL check: 0 passed, 1 failed'
    }

    It 'passes the module''s own queries' {
        $summary = Join-Path $TestDrive 'kql-ok.json'
        $null = & node (Join-Path $KqlDir 'check-kql.js') --summary $summary
        $LASTEXITCODE | Should -Be 0
        $s = Get-Content -Raw $summary | ConvertFrom-Json
        $checked = @($s.results | Where-Object { -not $_.expectError } | ForEach-Object { Split-Path -Leaf $_.file })
        $embedded = [AzBackupTroubleshoot.Core.Arm.ResourceGraphQueries].Assembly.GetManifestResourceNames() |
            Where-Object { $_ -like 'AzBackupTroubleshoot.Core.Arm.Queries.*.kql' } | ForEach-Object { $_ -replace '^AzBackupTroubleshoot\.Core\.Arm\.Queries\.', '' }
        @($embedded).Count | Should -BeGreaterThan 0
        $checked | Sort-Object | Should -Be ($embedded | Sort-Object)
    }
}
