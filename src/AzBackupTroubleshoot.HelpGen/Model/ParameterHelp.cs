namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// One documented parameter (<c>### -Name</c>): its description and one or more yaml metadata blocks
    /// (platyPS writes several when a parameter differs between sets, for example mandatory in one set only).
    /// The shortcut properties read the first block, which is also what goes into MAML's parameters list.
    /// </summary>
    internal sealed class ParameterHelp
    {
        public ParameterHelp(string name, IReadOnlyList<string> description, IReadOnlyList<ParameterMetadata> metadata, int line)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            if (metadata.Count == 0)
            {
                throw new ArgumentException("A parameter needs at least one yaml block.", nameof(metadata));
            }

            Line = line;
        }

        /// <summary>Parameter name without the leading dash.</summary>
        public string Name { get; }

        /// <summary>Description paragraphs.</summary>
        public IReadOnlyList<string> Description { get; }

        /// <summary>The yaml blocks in order (at least one).</summary>
        public IReadOnlyList<ParameterMetadata> Metadata { get; }

        /// <summary>1-based line of the <c>### -Name</c> heading.</summary>
        public int Line { get; }

        /// <summary>Type of the first block.</summary>
        public string Type => Metadata[0].Type;

        /// <summary>Every set named by any block, in order, without duplicates (<c>(All)</c> if a block says so).</summary>
        public IReadOnlyList<string> ParameterSets
        {
            get
            {
                var sets = new List<string>();
                foreach (ParameterMetadata block in Metadata)
                {
                    foreach (string set in block.ParameterSets)
                    {
                        if (!sets.Exists(s => string.Equals(s, set, StringComparison.OrdinalIgnoreCase)))
                        {
                            sets.Add(set);
                        }
                    }
                }

                return sets;
            }
        }

        /// <summary>Aliases of the first block.</summary>
        public IReadOnlyList<string> Aliases => Metadata[0].Aliases;

        /// <summary>Accepted values of the first block.</summary>
        public IReadOnlyList<string> AcceptedValues => Metadata[0].AcceptedValues;

        /// <summary>Required of the first block.</summary>
        public bool Required => Metadata[0].Required;

        /// <summary>Position of the first block.</summary>
        public string Position => Metadata[0].Position;

        /// <summary>Default value of the first block.</summary>
        public string DefaultValue => Metadata[0].DefaultValue;

        /// <summary>Pipeline input of the first block.</summary>
        public string PipelineInput => Metadata[0].PipelineInput;

        /// <summary>Wildcard support of the first block.</summary>
        public bool Globbing => Metadata[0].Globbing;

        /// <summary>The block that applies to <paramref name="setName"/>, or null if the parameter is not in that set.</summary>
        public ParameterMetadata? For(string setName)
        {
            foreach (ParameterMetadata block in Metadata)
            {
                if (block.AppliesTo(setName))
                {
                    return block;
                }
            }

            return null;
        }
    }
}
