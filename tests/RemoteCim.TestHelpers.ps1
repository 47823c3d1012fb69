# Dot-sourced by tests of -ComputerName: puts a recording opener in the module's computer-name seam
# (CimTargets.ComputerNameOpener, internal, set through reflection). Every computer-name target is then opened as a
# ReplayCimGateway over a Windows capture (the shipped read-only stand-in; writes are refused, so tests use -WhatIf),
# and the name and WSMan options the real gateway would have been built with (MmiCimGateway.Connect maps them one to
# one onto WSManSessionOptions and CimCredential) are recorded.
$script:RecorderSource = @'
using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Core.Cim;
using AzBackupTroubleshoot.Core.Sources.Windows;

public static class AzbtCimOpenRecorder
{
    private static readonly List<KeyValuePair<string, WsmanConnectionOptions>> Opened = new List<KeyValuePair<string, WsmanConnectionOptions>>();

    public static string CapturePath = "";

    public static ICimGateway Open(string computerName, WsmanConnectionOptions options)
    {
        lock (Opened) { Opened.Add(new KeyValuePair<string, WsmanConnectionOptions>(computerName, options)); }
        return new ReplayCimGateway(WindowsBundleReader.Load(CapturePath));
    }

    public static KeyValuePair<string, WsmanConnectionOptions>[] Calls() { lock (Opened) { return Opened.ToArray(); } }

    public static void Clear() { lock (Opened) { Opened.Clear(); } }
}
'@

function Enable-CimOpenRecorder {
    param([Parameter(Mandatory)][string] $CapturePath)
    if (-not ('AzbtCimOpenRecorder' -as [type])) {
        $core = [AzBackupTroubleshoot.Core.Cim.ICimGateway].Assembly.Location
        Add-Type -TypeDefinition $RecorderSource -ReferencedAssemblies $core, 'netstandard', 'System.Runtime', 'System.Collections', 'System.Threading'
    }
    [AzbtCimOpenRecorder]::CapturePath = $CapturePath
    [AzbtCimOpenRecorder]::Clear()
    $delegateType = [Func[string, AzBackupTroubleshoot.Core.Cim.WsmanConnectionOptions, AzBackupTroubleshoot.Core.Cim.ICimGateway]]
    $open = [Delegate]::CreateDelegate($delegateType, [AzbtCimOpenRecorder].GetMethod('Open'))
    Get-CimTargetsSeam | ForEach-Object { $_.SetValue($null, $open) }
}

function Disable-CimOpenRecorder { Get-CimTargetsSeam | ForEach-Object { $_.SetValue($null, $null) } }

function Get-CimTargetsSeam {
    $type = [AzBackupTroubleshoot.Core.Cim.ICimGateway].Assembly # Core; the seam is in the cmdlet assembly
    $cmdlets = (Get-Command Test-AzBackupAgentHealth).ImplementingType.Assembly
    $cmdlets.GetType('AzBackupTroubleshoot.Infrastructure.CimTargets', $true).GetProperty('ComputerNameOpener', [System.Reflection.BindingFlags]'NonPublic,Static')
}

# What the recorder saw: one object per computer-name session the module opened.
function Get-CimOpenRecord {
    foreach ($call in [AzbtCimOpenRecorder]::Calls()) {
        $o = $call.Value
        [pscustomobject]@{
            ComputerName   = $call.Key
            UserName       = $o.UserName
            Domain         = $o.Domain
            User           = $o.User
            Password       = if ($o.GetPassword()) { [System.Net.NetworkCredential]::new('', $o.GetPassword()).Password }
            Authentication = "$($o.Authentication)"
            UseSsl         = $o.UseSsl
            Port           = $o.Port
            EffectivePort  = $o.EffectivePort
            IsDefault      = $o.IsDefault
            Description    = $o.Describe()
        }
    }
}

function New-TestCredential {
    param([string] $UserName = 'CONTOSO\azbt-admin', [string] $Password = 'Pa55-not-a-real-secret')
    [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
}
