namespace AzBackupTroubleshoot.HelpGen.Tests
{
    /// <summary>Realistic platyPS 0.14 sources used by the HelpGen tests, and small helpers to edit them.</summary>
    internal static class SampleHelpDocs
    {
        public const string CommandPath = "docs/Test-AzBackupAgentHealth.md";

        public const string AboutPath = "docs/about_AzBackupTroubleshoot.md";

        public const string Command = """
---
external help file: AzBackupTroubleshoot.dll-Help.xml
Module Name: AzBackupTroubleshoot
online version: https://example.invalid/azbackuptroubleshoot/test-azbackupagenthealth
schema: 2.0.0
---

# Test-AzBackupAgentHealth

## SYNOPSIS
Checks why Azure Backup cannot take a snapshot of a VM.

## SYNTAX

### ByName (Default)
```
Test-AzBackupAgentHealth [-ResourceGroupName] <String> [-VMName] <String> [-Scope <String>]
 [-TimeoutSeconds <Int32>] [-PassThru] [<CommonParameters>]
```

### ById
```
Test-AzBackupAgentHealth -Id <String> [-Scope <String>] [-TimeoutSeconds <Int32>] [-PassThru]
 [<CommonParameters>]
```

## DESCRIPTION
The Test-AzBackupAgentHealth cmdlet runs every check that applies to the VM guest agent and the
VMSnapshot extension and returns one result per check.

Each result names the cause, the evidence and the fix.

## EXAMPLES

### Example 1: Check one VM
```powershell
PS C:\> Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01
```

Runs all checks for vm01 and shows the failed ones first.

### Example 2: Check VMs from Get-AzVM
```powershell
PS C:\> Get-AzVM -ResourceGroupName rg-prod | Test-AzBackupAgentHealth -Scope Agent
```

```output
Target  CheckId            Status
------  -------            ------
vm01    Agent.NotReady     Failed
```

Pipes VMs by property name.
Only the agent checks run.

## PARAMETERS

### -ResourceGroupName
The resource group of the VM.

```yaml
Type: String
Parameter Sets: ByName
Aliases:

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -VMName
The name of the VM.

```yaml
Type: String
Parameter Sets: ByName
Aliases: Name

Required: True
Position: 1
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Id
The full resource id of the VM, as `Get-AzVM` returns it in its Id property.

```yaml
Type: String
Parameter Sets: ById
Aliases: ResourceId

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Scope
Which group of checks to run.

```yaml
Type: String
Parameter Sets: (All)
Aliases:
Accepted values: Agent, Extension, Network, All

Required: False
Position: Named
Default value: All
Accept pipeline input: False
Accept wildcard characters: False
```

### -TimeoutSeconds
How long one check may run before it is reported as timed out.
The default suits slow guests.

```yaml
Type: Int32
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: 30
Accept pipeline input: False
Accept wildcard characters: False
```

### -PassThru
Returns passed checks too.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

### System.String
You can pipe resource group and VM names by property name.

## OUTPUTS

### AzBackupTroubleshoot.Checks.HealthCheckResult
One result per check.

## NOTES
The checks read the VM through Azure Resource Manager & the guest; nothing is changed.

## RELATED LINKS

[Online version](https://example.invalid/azbackuptroubleshoot/test-azbackupagenthealth)

[Repair-AzBackupAgent](Repair-AzBackupAgent.md)

""";

        public const string About = """
# about_AzBackupTroubleshoot

## about_AzBackupTroubleshoot

# SHORT DESCRIPTION
Finds and fixes why Azure VM backups fail because of the guest agent or the VMSnapshot extension.

# LONG DESCRIPTION
AzBackupTroubleshoot reads facts about a VM, runs checks over them and reports one result per check, each with its cause, evidence and remediation. Repairs are separate cmdlets that support -WhatIf.

The checks cover:

- the guest agent service and its version
- the VMSnapshot extension state

```powershell
Test-AzBackupAgentHealth -ResourceGroupName rg-prod -VMName vm01 |
    Where-Object Status -eq Failed
```

## Offline use
Every check can run against a captured root folder instead of a live VM.

# SEE ALSO
Test-AzBackupAgentHealth

""";

        /// <summary>Replaces exactly one occurrence of <paramref name="oldText"/>; fails the test if it is not found exactly once.</summary>
        public static string ReplaceOnce(string text, string oldText, string newText)
        {
            int first = text.IndexOf(oldText, StringComparison.Ordinal);
            if (first < 0 || text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"'{oldText}' must occur exactly once in the sample");
            }

            return text.Substring(0, first) + newText + text.Substring(first + oldText.Length);
        }

        /// <summary>1-based line of the first line of <paramref name="text"/> that equals <paramref name="line"/> (after the n-th match).</summary>
        public static int LineOf(string text, string line, int occurrence = 1)
        {
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int seen = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i] == line && ++seen == occurrence)
                {
                    return i + 1;
                }
            }

            throw new InvalidOperationException($"line '{line}' (occurrence {occurrence}) not in the sample");
        }
    }
}
