# Test stand-in for Az.Accounts. See Az.Accounts.psd1 for the settings.
$script:Calls = [System.Collections.Generic.List[string]]::new()

function Connect-AzAccount {
    [CmdletBinding()]
    param([switch] $Identity, [string] $AccountId, [string] $TenantId, [string] $Subscription)
    $script:Calls.Add("Connect-AzAccount$(if ($Identity) { ' -Identity' })")
    $env:AZBT_STUB_NO_CONTEXT = $null
    # The shape of PSAzureProfile: its context.
    [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureProfile'; Context = Get-AzContext }
}

function Get-AzContext {
    [CmdletBinding()]
    param([switch] $ListAvailable)
    $script:Calls.Add('Get-AzContext')
    if ($env:AZBT_STUB_NO_CONTEXT -eq '1') { return }
    $url = if ($env:AZBT_STUB_ARM_URL) { $env:AZBT_STUB_ARM_URL } else { 'https://management.azure.com/' }
    $subscription = $env:AZBT_STUB_SUBSCRIPTION
    $tenant = if ($env:AZBT_STUB_TENANT) { $env:AZBT_STUB_TENANT } else { '72f988bf-0000-0000-0000-000000000000' }
    $audience = if ($env:AZBT_STUB_AD_RESOURCE) { $env:AZBT_STUB_AD_RESOURCE } else { 'https://management.core.windows.net/' }
    # The shape of PSAzureContext and its PSAzureEnvironment, PSAzureSubscription, PSAzureTenant, PSAzureRmAccount.
    [pscustomobject]@{
        PSTypeName         = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext'
        Name               = "stub ($subscription) - stub@example.invalid"
        Account            = [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureRmAccount'; Id = 'stub@example.invalid'; Type = 'User' }
        Environment        = [pscustomobject]@{
            PSTypeName                 = 'Microsoft.Azure.Commands.Profile.Models.PSAzureEnvironment'
            Name                       = 'AzureCloud'
            ResourceManagerUrl         = $url
            ActiveDirectoryAuthority   = 'https://login.microsoftonline.com/'
            ActiveDirectoryServiceEndpointResourceId = $audience
        }
        Subscription       = if ($subscription) {
            [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription'; Id = $subscription; Name = 'stub subscription'; State = 'Enabled'; TenantId = $tenant }
        } else { $null }
        Tenant             = [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAzureTenant'; Id = $tenant }
        ExtendedProperties = @{}
    }
}

function Get-AzAccessToken {
    [CmdletBinding()]
    param(
        [string] $ResourceUrl,
        [string] $ResourceTypeName,
        [string] $TenantId,
        [switch] $AsSecureString
    )
    $script:Calls.Add("Get-AzAccessToken -ResourceUrl $ResourceUrl$(if ($TenantId) { " -TenantId $TenantId" })")
    if ($env:AZBT_STUB_NO_CONTEXT -eq '1') {
        throw 'Run Connect-AzAccount to login.'
    }
    $contextTenant = if ($env:AZBT_STUB_TENANT) { $env:AZBT_STUB_TENANT } else { '72f988bf-0000-0000-0000-000000000000' }
    $text = if ($env:AZBT_STUB_TOKEN) { $env:AZBT_STUB_TOKEN } else { 'stub-token' }
    if ($TenantId -and $TenantId -ne $contextTenant) {
        # Another tenant: a token only when the account is known there (AZBT_STUB_TENANT_TOKENS), as Az.Accounts fails otherwise.
        $known = @{}
        foreach ($pair in "$env:AZBT_STUB_TENANT_TOKENS" -split ';' | Where-Object { $_ }) { $k, $v = $pair -split '=', 2; $known[$k] = $v }
        if (-not $known.ContainsKey($TenantId)) {
            throw "Authentication failed against tenant $TenantId. User interaction is required. This may be due to the conditional access policy settings such as multi-factor authentication (MFA)."
        }
        $text = $known[$TenantId]
    }
    else { $TenantId = $contextTenant }
    $seconds = if ($env:AZBT_STUB_TOKEN_SECONDS) { [int]$env:AZBT_STUB_TOKEN_SECONDS } else { 3600 }
    $expires = [DateTimeOffset]::UtcNow.AddSeconds($seconds)
    if ($env:AZBT_STUB_TOKEN_TYPE -eq 'String') {
        # Az.Accounts before 5.0: PSAccessToken, Token is a string.
        [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSAccessToken'; Token = $text; ExpiresOn = $expires; Type = 'Bearer'; TenantId = $TenantId; UserId = 'stub@example.invalid' }
    }
    else {
        # Az.Accounts 5.0 and later: PSSecureAccessToken, Token is a SecureString.
        $secure = [System.Security.SecureString]::new()
        foreach ($c in $text.ToCharArray()) { $secure.AppendChar($c) }
        $secure.MakeReadOnly()
        [pscustomobject]@{ PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSSecureAccessToken'; Token = $secure; ExpiresOn = $expires; Type = 'Bearer'; TenantId = $TenantId; UserId = 'stub@example.invalid' }
    }
}

# Test helper: the calls made to the stub, in order.
function Get-AzStubCall { $script:Calls.ToArray() }
