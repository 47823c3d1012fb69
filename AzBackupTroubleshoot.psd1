@{
    RootModule             = 'AzBackupTroubleshoot.dll'
    ModuleVersion          = '0.1.0'
    # Runs on PowerShell 7.4 or later (.NET 8+) and Windows PowerShell 5.1. PowerShell 7.0-7.3 load the manifest (it cannot
    # say '5.1 or 7.4+'), and the module's initializer refuses the import there with error UnsupportedPowerShell: their
    # runtime's System.Text.Json is older than the 8.0 the module needs, and PowerShell 7 always uses the runtime's copy.
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5d7c3f0e-9a41-4c8e-b0f4-3b1f2c6e8a17'
    Author                 = 'AzBackupTroubleshoot contributors'
    CompanyName            = 'AzBackupTroubleshoot'
    Copyright              = '(c) AzBackupTroubleshoot contributors. MIT License.'
    Description            = 'Finds and fixes the reasons an Azure VM backup fails because of the VM guest agent or the backup (VMSnapshot) extension: failure guide by error code or message, in-guest health checks for Linux and Windows, guarded repairs, network routes from Azure Service Tags, and fleet scans through Azure Resource Manager. Runs on PowerShell 7.4 or later, or Windows PowerShell 5.1.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('AzBackupTroubleshoot.format.ps1xml')
    # Sorted; Module.Tests.ps1 checks that this list equals the cmdlet classes in the assembly.
    CmdletsToExport        = @(
        'Add-AzDatacenterRoute'
        'Export-AzBackupHealthReport'
        'Get-AzBackupFailureCause'
        'Remove-AzDatacenterRoute'
        'Repair-AzBackupAgent'
        'Save-AzBackupAgentLog'
        'Set-AzBackupVssCopyMode'
        'Test-AzBackupAgentHealth'
        'Uninstall-AzVmSnapshotExtension'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags                       = @('Azure', 'Backup', 'Troubleshooting', 'VMSnapshot', 'WALinuxAgent', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            LicenseUri                 = 'https://opensource.org/licenses/MIT'
            ProjectUri                 = 'https://github.com/AzBackupTroubleshoot/AzBackupTroubleshoot'
            # Needed only by the cmdlets that call Azure; they check for it at run time. The in-guest cmdlets work without it.
            ExternalModuleDependencies = @('Az.Accounts')
            ReleaseNotes               = '0.1.0: failure knowledge base and Get-AzBackupFailureCause; result model and check engine; Export-AzBackupHealthReport (a self-contained HTML report of a VM or a fleet); packages for PSResourceGet and Azure Automation.'
        }
    }
}
