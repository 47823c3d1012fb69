# A test stand-in for Az.Accounts: Connect-AzAccount, Get-AzContext and Get-AzAccessToken with the real property shapes, pointing at the
# loopback ARM simulator. Never on PSModulePath; tests import it by path. Settings come from environment variables:
#   AZBT_STUB_ARM_URL       Environment.ResourceManagerUrl (the simulator's URL)
#   AZBT_STUB_SUBSCRIPTION  Subscription.Id
#   AZBT_STUB_TOKEN         the token text
#   AZBT_STUB_TOKEN_TYPE    SecureString (Az.Accounts 5 and later, the default) or String (before)
#   AZBT_STUB_NO_CONTEXT    1: Get-AzContext returns nothing (as before Connect-AzAccount)
#   AZBT_STUB_TOKEN_SECONDS token lifetime in seconds (default 3600)
#   AZBT_STUB_TENANT        the context's Tenant.Id (default 72f988bf-0000-0000-0000-000000000000)
#   AZBT_STUB_AD_RESOURCE   Environment.ActiveDirectoryServiceEndpointResourceId (default https://management.core.windows.net/)
#   AZBT_STUB_TENANT_TOKENS tokens of other tenants the account is in: 'tenant=token;tenant=token'. Get-AzAccessToken
#                           -TenantId for another tenant fails, as Az.Accounts does, unless it is listed here.
@{
    RootModule        = 'Az.Accounts.psm1'
    ModuleVersion     = '5.0.0'
    GUID              = '0b4f3f8e-2d6c-4c1e-9a55-6c1f0d6a9b21'
    Author            = 'AzBackupTroubleshoot tests'
    Description       = 'Test stand-in for Az.Accounts (Get-AzContext, Get-AzAccessToken).'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Connect-AzAccount', 'Get-AzContext', 'Get-AzAccessToken', 'Get-AzStubCall')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
