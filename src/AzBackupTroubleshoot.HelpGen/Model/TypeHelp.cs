namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>An INPUTS or OUTPUTS entry: <c>### TypeName</c> and its description paragraphs.</summary>
    internal sealed class TypeHelp
    {
        public TypeHelp(string typeName, IReadOnlyList<string> description)
        {
            TypeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
            Description = description ?? throw new ArgumentNullException(nameof(description));
        }

        /// <summary>The type name as written in the heading.</summary>
        public string TypeName { get; }

        /// <summary>Description paragraphs.</summary>
        public IReadOnlyList<string> Description { get; }
    }
}
