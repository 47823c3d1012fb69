namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>One parameter set from SYNTAX (<c>### Name (Default)</c> and its code block), with its parameters.</summary>
    internal sealed class SyntaxSet
    {
        /// <summary>Set name used when SYNTAX has a code block without a <c>###</c> heading.</summary>
        public const string AllParameterSets = "__AllParameterSets";

        public SyntaxSet(string name, bool isDefault, string code, IReadOnlyList<SyntaxParameter> parameters, int line)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            IsDefault = isDefault;
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
            Line = line;
        }

        /// <summary>The set name without the <c>(Default)</c> marker.</summary>
        public string Name { get; }

        /// <summary>True if the heading carried <c>(Default)</c>.</summary>
        public bool IsDefault { get; }

        /// <summary>The syntax code block text.</summary>
        public string Code { get; }

        /// <summary>The set's parameters in the order the syntax block shows them.</summary>
        public IReadOnlyList<SyntaxParameter> Parameters { get; }

        /// <summary>1-based line of the set's heading (or code block when there is no heading).</summary>
        public int Line { get; }
    }

    /// <summary>A parameter as it appears in one set: the parameter and the yaml block that applies to that set.</summary>
    internal sealed class SyntaxParameter
    {
        public SyntaxParameter(ParameterHelp parameter, ParameterMetadata metadata)
        {
            Parameter = parameter ?? throw new ArgumentNullException(nameof(parameter));
            Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        }

        /// <summary>The documented parameter.</summary>
        public ParameterHelp Parameter { get; }

        /// <summary>The metadata that applies in this set.</summary>
        public ParameterMetadata Metadata { get; }
    }
}
