namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>The help of one cmdlet, as read from a platyPS 0.14 (schema 2.0.0) markdown file.</summary>
    internal sealed class CommandHelp
    {
        public CommandHelp(
            string name,
            string externalHelpFile,
            string moduleName,
            string onlineVersion,
            string synopsis,
            IReadOnlyList<string> description,
            IReadOnlyList<SyntaxSet> syntax,
            IReadOnlyList<ParameterHelp> parameters,
            bool hasCommonParameters,
            IReadOnlyList<ExampleHelp> examples,
            IReadOnlyList<TypeHelp> inputs,
            IReadOnlyList<TypeHelp> outputs,
            IReadOnlyList<string> notes,
            IReadOnlyList<RelatedLink> links)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            int dash = name.IndexOf('-');
            Verb = dash > 0 ? name.Substring(0, dash) : name;
            Noun = dash > 0 ? name.Substring(dash + 1) : string.Empty;
            ExternalHelpFile = externalHelpFile;
            ModuleName = moduleName;
            OnlineVersion = onlineVersion;
            Synopsis = synopsis;
            Description = description;
            Syntax = syntax;
            Parameters = parameters;
            HasCommonParameters = hasCommonParameters;
            Examples = examples;
            Inputs = inputs;
            Outputs = outputs;
            Notes = notes;
            Links = links;
        }

        /// <summary>The cmdlet name (<c>Verb-Noun</c>), from the <c># Verb-Noun</c> title.</summary>
        public string Name { get; }

        /// <summary>The part of <see cref="Name"/> before the first dash.</summary>
        public string Verb { get; }

        /// <summary>The part of <see cref="Name"/> after the first dash.</summary>
        public string Noun { get; }

        /// <summary>Front matter <c>external help file</c>: the MAML file this command's help goes to.</summary>
        public string ExternalHelpFile { get; }

        /// <summary>Front matter <c>Module Name</c>.</summary>
        public string ModuleName { get; }

        /// <summary>Front matter <c>online version</c> (may be empty).</summary>
        public string OnlineVersion { get; }

        /// <summary>The SYNOPSIS text (paragraphs joined with a space).</summary>
        public string Synopsis { get; }

        /// <summary>DESCRIPTION paragraphs.</summary>
        public IReadOnlyList<string> Description { get; }

        /// <summary>Parameter sets in SYNTAX order, each with the parameters that belong to it.</summary>
        public IReadOnlyList<SyntaxSet> Syntax { get; }

        /// <summary>Documented parameters in PARAMETERS order (CommonParameters excluded).</summary>
        public IReadOnlyList<ParameterHelp> Parameters { get; }

        /// <summary>True if PARAMETERS has a <c>### CommonParameters</c> entry.</summary>
        public bool HasCommonParameters { get; }

        /// <summary>EXAMPLES in order.</summary>
        public IReadOnlyList<ExampleHelp> Examples { get; }

        /// <summary>INPUTS types.</summary>
        public IReadOnlyList<TypeHelp> Inputs { get; }

        /// <summary>OUTPUTS types.</summary>
        public IReadOnlyList<TypeHelp> Outputs { get; }

        /// <summary>NOTES paragraphs.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>RELATED LINKS.</summary>
        public IReadOnlyList<RelatedLink> Links { get; }
    }
}
