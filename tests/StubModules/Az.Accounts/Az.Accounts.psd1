# A test stand-in for Az.Accounts: Connect-AzAccount, Get-AzContext and Get-AzAccessToken with the real property shapes, pointing at the
# loopback ARM simulator. Never on PSModulePath; tests import it by path. Settings come from environment variables:
#   AZBT_STUB_ARM_URL       Environment.ResourceManagerUrl (the simulator's URL)
#   AZBT_STUB_SUBSCRIPTION  Subscription.Id
#   AZBT_STUB_TOKEN         the token text
#   AZBT_STUB_TOKEN_TYPE    SecureString (Az.Accounts 5 and later, the default) or String (before)
#   AZBT_STUB_NO_CONTEXT    1: Get-AzContext returns nothing (as before Connect-AzAccount)
#   AZBT_STUB_TOKEN_SECONDS token lifetime in seconds (default 3600)
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
