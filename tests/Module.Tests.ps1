BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Module = Get-Module AzBackupTroubleshoot
    $script:Manifest = Import-PowerShellDataFile $ModuleManifest
    $script:CmdletTypes = $Module.ImplementingAssembly.GetExportedTypes() |
        Where-Object { -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) }
    $script:CmdletNames = @($CmdletTypes | ForEach-Object {
            $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            '{0}-{1}' -f $a.VerbName, $a.NounName
        } | Sort-Object)
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $script:DocsDir = Join-Path $RepoRoot 'docs'
}

Describe 'Module manifest' {
    It 'is valid and loads in Desktop and Core from PowerShell 5.1' {
        $m = Test-ModuleManifest $ModuleManifest
        $m.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $Manifest.RootModule | Should -Be 'AzBackupTroubleshoot.dll'
        $Manifest.FormatsToProcess | Should -Contain 'AzBackupTroubleshoot.format.ps1xml'
    }

    It 'exports exactly the cmdlet classes, listed sorted' {
        $listed = @($Manifest.CmdletsToExport)
        $listed | Should -Be @($listed | Sort-Object)
        $listed | Should -Be $CmdletNames
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $CmdletNames
    }

    It 'uses approved verbs and the Command suffix, one sealed class per cmdlet' {
        $approved = (Get-Verb).Verb
        foreach ($t in $CmdletTypes) {
            $t.Name | Should -BeLike '*Command'
            $t.IsSealed | Should -BeTrue
            $t.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].VerbName | Should -BeIn $approved
        }
    }

    It 'takes every assembly version from the manifest (one version source)' {
        $version = [version]$Manifest.ModuleVersion
        foreach ($name in 'AzBackupTroubleshoot.dll', 'AzBackupTroubleshoot.Core.dll') {
            $v = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir $name)).Version
            '{0}.{1}.{2}' -f $v.Major, $v.Minor, $v.Build | Should -Be $version.ToString(3)
        }
    }

    It 'keeps its private dependencies in Dependencies/ and only its own two assemblies at the root' {
        @(Get-ChildItem $ModuleDir -Filter '*.dll' -File | ForEach-Object Name | Sort-Object) | Should -Be @('AzBackupTroubleshoot.Core.dll', 'AzBackupTroubleshoot.dll')
        $deps = @(Get-ChildItem (Join-Path $ModuleDir 'Dependencies') -Filter '*.dll' -File | ForEach-Object Name)
        foreach ($name in 'System.Text.Json.dll', 'System.Memory.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Runtime.CompilerServices.Unsafe.dll') { $deps | Should -Contain $name }
        # Every assembly the Core references that is not part of .NET itself is shipped there.
        [AzBackupTroubleshoot.Core.Loading.RuntimeCompatibility].Assembly.GetReferencedAssemblies().Name | Where-Object { $_ -like 'System.Text.Json*' } | ForEach-Object { $deps | Should -Contain "$_.dll" }
    }

    It 'says in the manifest which PowerShell versions it runs on' {
        $Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.Description | Should -Match 'PowerShell 7\.4 or later, or Windows PowerShell 5\.1'
    }

    It 'does not require Az.Accounts but declares it as an external dependency' {
        $Manifest.ContainsKey('RequiredModules') | Should -BeFalse
        $Manifest.PrivateData.PSData.ExternalModuleDependencies | Should -Contain 'Az.Accounts'
    }

    It 'imports in a fresh pwsh with no Az module, loading only its own assemblies (never Microsoft.Management.Infrastructure)' {
        # pwsh 7.6 on Linux loads Microsoft.Management.Infrastructure itself at start-up, so compare before and after.
        $script = '$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; ' +
            "Import-Module '$ModuleManifest'; " +
            '$new = @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -notin $before }); ' +
            '[pscustomobject]@{ Cmdlets = (Get-Module AzBackupTroubleshoot).ExportedCmdlets.Count; ' +
            'Az = @(Get-Module -ListAvailable Az.*).Count; New = $new } | ConvertTo-Json -Compress'
        $out = Invoke-ChildPwsh -Command $script | ConvertFrom-Json
        $out.Cmdlets | Should -Be $CmdletNames.Count
        $out.Az | Should -Be 0
        $out.New | Should -Contain 'AzBackupTroubleshoot'
        $out.New | Should -Not -Contain 'Microsoft.Management.Infrastructure'
        @($out.New | Where-Object { $_ -notlike 'System.*' -and $_ -notlike 'Microsoft.PowerShell.*' -and $_ -ne 'Microsoft.CSharp' -and $_ -notlike 'AzBackupTroubleshoot*' }) | Should -BeNullOrEmpty
    }
}

Describe 'Format views' {
    It 'has a view for <_>' -ForEach @('AzBackupTroubleshoot.Core.Knowledge.FailureCause', 'AzBackupTroubleshoot.Core.Checks.HealthCheckResult') {
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty
    }

    It 'has a view for every declared output type' {
        $types = $CmdletTypes | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) } |
            ForEach-Object { $_.Type } | ForEach-Object { $_.Name } | Sort-Object -Unique
        foreach ($t in $types) {
            Get-FormatData -TypeName $t | Should -Not -BeNullOrEmpty -Because "$t is an output type"
        }
    }
}

Describe 'Help' {
    It 'has a docs page for every cmdlet and a cmdlet for every docs page' {
        $pages = @(Get-ChildItem $DocsDir -Filter '*-*.md' | ForEach-Object BaseName | Sort-Object)
        $pages | Should -Be $CmdletNames
    }

    Context '<_>' -ForEach (& {
            $manifest = Import-PowerShellDataFile (Join-Path (Split-Path -Parent $PSScriptRoot) 'AzBackupTroubleshoot.psd1')
            @($manifest.CmdletsToExport)
        }) {
        BeforeAll {
            $script:Name = $_
            $script:Help = Get-Help $Name -Full
            $script:Parameters = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $Common } | Sort-Object)
            $script:Documented = @(Select-String -Path (Join-Path $DocsDir "$Name.md") -Pattern '^### -(\w+)' | ForEach-Object { $_.Matches[0].Groups[1].Value } | Sort-Object)
        }

        It 'has a synopsis, a description and an example' {
            $Help.Synopsis | Should -Not -BeNullOrEmpty
            $Help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
            ($Help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
            @($Help.Examples.Example).Count | Should -BeGreaterThan 0
            $Help.Examples.Example[0].Code | Should -Not -BeNullOrEmpty
        }

        It 'documents exactly the parameters the cmdlet has' {
            $Documented | Should -Be $Parameters
        }

        It 'describes every parameter in Get-Help' {
            foreach ($p in $Parameters) {
                $ph = $Help.Parameters.Parameter | Where-Object Name -EQ $p
                $ph | Should -Not -BeNullOrEmpty -Because "-$p needs help"
                ($ph.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
            }
        }
    }

    It 'shows the about topic' {
        $about = Get-Help about_AzBackupTroubleshoot | Out-String
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'Get-AzBackupFailureCause'
    }

    It 'keeps en-US in step with docs (the generated help is committed)' {
        $generator = Get-ChildItem (Join-Path $RepoRoot 'src/AzBackupTroubleshoot.HelpGen/bin') -Recurse -Filter 'AzBackupTroubleshoot.HelpGen.dll' | Select-Object -First 1
        $generator | Should -Not -BeNullOrEmpty
        $enUs = Join-Path $RepoRoot 'en-US'
        $before = Get-ChildItem $enUs -File | Get-FileHash | ForEach-Object Hash
        $out = & dotnet $generator.FullName --docs $DocsDir --out $enUs --check 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "en-US/ must be regenerated (./build.ps1 -Task Help) and committed: $out"
        # The check only compares: it never writes en-US/.
        Get-ChildItem $enUs -File | Get-FileHash | ForEach-Object Hash | Should -Be $before
    }

    It 'the en-US check fails when a doc changed and en-US/ was not regenerated' {
        $generator = Get-ChildItem (Join-Path $RepoRoot 'src/AzBackupTroubleshoot.HelpGen/bin') -Recurse -Filter 'AzBackupTroubleshoot.HelpGen.dll' | Select-Object -First 1
        $docs = Join-Path $TestDrive 'docs-changed'
        Copy-Item $DocsDir $docs -Recurse
        $doc = Join-Path $docs 'Get-AzBackupFailureCause.md'
        (Get-Content -Raw $doc) -replace '## SYNOPSIS\r?\n', "## SYNOPSIS`nA changed synopsis that en-US/ does not have yet. " | Set-Content -Path $doc -NoNewline
        $out = & dotnet $generator.FullName --docs $docs --out (Join-Path $RepoRoot 'en-US') --check 2>&1
        $LASTEXITCODE | Should -Be 1
        "$out" | Should -Match 'AzBackupTroubleshoot.dll-Help.xml'
    }
}
