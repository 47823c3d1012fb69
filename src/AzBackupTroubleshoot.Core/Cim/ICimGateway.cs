namespace AzBackupTroubleshoot.Core.Cim
{
    /// <summary>
    /// The one door to a Windows machine's management data. The real implementation (in the cmdlet assembly) goes through
    /// Microsoft.Management.Infrastructure to the local machine or a CimSession; a capture reader serves a saved capture;
    /// tests use a recording gateway. Registry access goes through the <c>StdRegProv</c> class's methods.
    /// </summary>
    public interface ICimGateway
    {
        /// <summary>The computer this gateway talks to (or the capture's computer name).</summary>
        string ComputerName { get; }

        /// <summary>True when the gateway talks to the machine this code runs on.</summary>
        bool IsLocal { get; }

        /// <summary>
        /// Instances of a class. <paramref name="whereClause"/> is a WQL condition the real implementation passes on to narrow
        /// the query; callers still filter what they need, since a capture reader may return the class's instances unfiltered.
        /// </summary>
        IReadOnlyList<CimObject> QueryInstances(string cimNamespace, string className, string? whereClause, CancellationToken cancellationToken);

        /// <summary>Invokes a static method of a class (for example <c>StdRegProv.GetStringValue</c> or <c>Win32_Process.Create</c>).</summary>
        IReadOnlyDictionary<string, object?> InvokeMethod(string cimNamespace, string className, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken);

        /// <summary>Invokes a method of an instance (for example <c>Win32_Service.ChangeStartMode</c>).</summary>
        IReadOnlyDictionary<string, object?> InvokeMethod(CimObject instance, string methodName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken);

        /// <summary>Creates an instance (for example an <c>MSFT_NetRoute</c>).</summary>
        CimObject CreateInstance(string cimNamespace, string className, IReadOnlyDictionary<string, object?> properties, CancellationToken cancellationToken);

        /// <summary>Deletes an instance.</summary>
        void DeleteInstance(CimObject instance, CancellationToken cancellationToken);
    }
}
