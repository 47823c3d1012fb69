namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>The contents of one <c>```yaml</c> block under a <c>### -Name</c> parameter heading.</summary>
    internal sealed class ParameterMetadata
    {
        /// <summary>The <c>Parameter Sets</c> value that means every set.</summary>
        public const string AllSets = "(All)";

        public ParameterMetadata(
            string type,
            IReadOnlyList<string> parameterSets,
            IReadOnlyList<string> aliases,
            IReadOnlyList<string> acceptedValues,
            bool required,
            string position,
            string defaultValue,
            string pipelineInput,
            bool globbing,
            int line)
        {
            Type = type ?? throw new ArgumentNullException(nameof(type));
            ParameterSets = parameterSets ?? throw new ArgumentNullException(nameof(parameterSets));
            Aliases = aliases ?? throw new ArgumentNullException(nameof(aliases));
            AcceptedValues = acceptedValues ?? throw new ArgumentNullException(nameof(acceptedValues));
            Required = required;
            Position = position ?? throw new ArgumentNullException(nameof(position));
            DefaultValue = defaultValue ?? throw new ArgumentNullException(nameof(defaultValue));
            PipelineInput = pipelineInput ?? throw new ArgumentNullException(nameof(pipelineInput));
            Globbing = globbing;
            Line = line;
        }

        /// <summary><c>Type:</c> as written (for example <c>String</c>, <c>SwitchParameter</c>, <c>String[]</c>).</summary>
        public string Type { get; }

        /// <summary><c>Parameter Sets:</c> split on commas; <c>(All)</c> stays as the single entry <see cref="AllSets"/>.</summary>
        public IReadOnlyList<string> ParameterSets { get; }

        /// <summary><c>Aliases:</c> split on commas; empty when none.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary><c>Accepted values:</c> split on commas; empty when the key is absent.</summary>
        public IReadOnlyList<string> AcceptedValues { get; }

        /// <summary><c>Required:</c>.</summary>
        public bool Required { get; }

        /// <summary><c>Position:</c> as written: <c>Named</c> or a number.</summary>
        public string Position { get; }

        /// <summary><c>Default value:</c> as written (platyPS writes <c>None</c> when there is none).</summary>
        public string DefaultValue { get; }

        /// <summary><c>Accept pipeline input:</c> as written, for example <c>False</c> or <c>True (ByPropertyName)</c>.</summary>
        public string PipelineInput { get; }

        /// <summary><c>Accept wildcard characters:</c>.</summary>
        public bool Globbing { get; }

        /// <summary>1-based line of the yaml block's opening fence.</summary>
        public int Line { get; }

        /// <summary>True if the block applies to every parameter set.</summary>
        public bool AppliesToAllSets => ParameterSets.Count == 1 && ParameterSets[0] == AllSets;

        /// <summary>True for <c>SwitchParameter</c> (or <c>switch</c>) parameters.</summary>
        public bool IsSwitch =>
            string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "switch", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

        /// <summary>True if this block applies to the named set.</summary>
        public bool AppliesTo(string setName)
        {
            if (AppliesToAllSets)
            {
                return true;
            }

            foreach (string set in ParameterSets)
            {
                if (string.Equals(set, setName, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
