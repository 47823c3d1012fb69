namespace AzBackupTroubleshoot.Core.Tests.Loading
{
    /// <summary>
    /// Test data: the assemblies Az.Accounts preloads and resolves itself, by name and version, as listed in
    /// Azure/azure-powershell src/Accounts/AssemblyLoading/ConditionalAssemblyProvider.cs at commit
    /// 3d8311acfd8d7bdbd629c06cf395715b80b313f5 (names and versions only; no code is taken from it). The public key tokens
    /// are the ones these packages are signed with (Microsoft's cc7b13ffcd2ddd51 and b03f5f7f11d50a3a, Azure SDK's
    /// 92742159e12e44c8, MSAL's 0a613f4dd989e8ae, Newtonsoft's 30ad4fe6b2a6aeed); tests also try each with no token.
    /// </summary>
    internal static class AzAccountsAssemblies
    {
        public static readonly (string Name, string Version, string Token)[] All =
        {
            ("Azure.Core", "1.41.0.0", "92742159e12e44c8"),
            ("Azure.Identity", "1.12.0.0", "92742159e12e44c8"),
            ("Azure.Identity.Broker", "1.1.0.0", "92742159e12e44c8"),
            ("Microsoft.Bcl.AsyncInterfaces", "1.0.0.0", "cc7b13ffcd2ddd51"),
            ("Microsoft.Identity.Client", "4.61.3.0", "0a613f4dd989e8ae"),
            ("Microsoft.Identity.Client.Extensions.Msal", "4.61.3.0", "0a613f4dd989e8ae"),
            ("Microsoft.Identity.Client.Broker", "4.61.3.0", "0a613f4dd989e8ae"),
            ("Microsoft.Identity.Client.NativeInterop", "0.16.2.0", "0a613f4dd989e8ae"),
            ("Microsoft.IdentityModel.Abstractions", "6.35.0.0", "31bf3856ad364e35"),
            ("System.ClientModel", "1.0.0.0", "92742159e12e44c8"),
            ("System.Memory.Data", "1.0.2.0", "cc7b13ffcd2ddd51"),
            ("System.Text.Json", "4.0.1.2", "cc7b13ffcd2ddd51"),
            ("System.Buffers", "4.0.3.0", "cc7b13ffcd2ddd51"),
            ("System.Memory", "4.0.1.1", "cc7b13ffcd2ddd51"),
            ("System.Net.Http.WinHttpHandler", "4.0.4.0", "cc7b13ffcd2ddd51"),
            ("System.Private.ServiceModel", "4.7.0.0", "b03f5f7f11d50a3a"),
            ("System.Security.AccessControl", "4.1.3.0", "b03f5f7f11d50a3a"),
            ("System.Security.Permissions", "4.0.3.0", "cc7b13ffcd2ddd51"),
            ("System.Security.Principal.Windows", "4.1.3.0", "b03f5f7f11d50a3a"),
            ("System.ServiceModel.Primitives", "4.7.0.0", "b03f5f7f11d50a3a"),
            ("System.Threading.Tasks.Extensions", "4.2.0.1", "cc7b13ffcd2ddd51"),
            ("Newtonsoft.Json", "13.0.0.0", "30ad4fe6b2a6aeed"),
            ("System.Diagnostics.DiagnosticSource", "6.0.0.1", "cc7b13ffcd2ddd51"),
            ("System.Numerics.Vectors", "4.1.4.0", "b03f5f7f11d50a3a"),
            ("System.Reflection.DispatchProxy", "4.0.4.0", "b03f5f7f11d50a3a"),
            ("System.Runtime.CompilerServices.Unsafe", "6.0.0.0", "b03f5f7f11d50a3a"),
            ("System.Security.Cryptography.Cng", "4.3.0.0", "b03f5f7f11d50a3a"),
            ("System.Security.Cryptography.ProtectedData", "4.5.0.0", "b03f5f7f11d50a3a"),
            ("System.Text.Encodings.Web", "4.0.5.1", "cc7b13ffcd2ddd51"),
            ("System.Xml.ReaderWriter", "4.1.0.0", "b03f5f7f11d50a3a"),
        };

        /// <summary>Where Az.Accounts' assemblies sit in a Windows PowerShell 5.1 install (the requesting assemblies of its loads).</summary>
        public static readonly string[] Requesters =
        {
            @"C:\Program Files\WindowsPowerShell\Modules\Az.Accounts\5.1.0\Microsoft.Azure.PowerShell.Authentication.dll",
            @"C:\Program Files\WindowsPowerShell\Modules\Az.Accounts\5.1.0\lib\netstandard2.0\Azure.Identity.dll",
            @"C:\Program Files\WindowsPowerShell\Modules\Az.Accounts\5.1.0\lib\netfx\Newtonsoft.Json.dll",
        };
    }
}
