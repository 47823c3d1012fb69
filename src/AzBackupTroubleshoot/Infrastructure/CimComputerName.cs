namespace AzBackupTroubleshoot.Infrastructure
{
    /// <summary>A computer name given to -CimSession in place of a session (see <see cref="CimSessionTransformationAttribute"/>).</summary>
    internal sealed class CimComputerName
    {
        public CimComputerName(string name) => Name = name;

        /// <summary>The computer name as given.</summary>
        public string Name { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
