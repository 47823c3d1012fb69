using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// Matches the SYNTAX sets with the parameters' <c>Parameter Sets</c> and checks that both agree: every set a
    /// parameter names exists, every parameter of a set is shown in that set's syntax block and every <c>-Name</c>
    /// the block shows is a documented parameter of that set. Parameters come out in the syntax block's order.
    /// </summary>
    internal static class SyntaxSetBuilder
    {
        private static readonly Regex ParameterToken = new Regex(@"(?<![\w-])-(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

        /// <summary>Builds the sets; disagreements become problems.</summary>
        public static IReadOnlyList<SyntaxSet> Build(
            IReadOnlyList<SyntaxHeading> headings,
            IReadOnlyList<ParameterHelp> parameters,
            IReadOnlyList<string> brokenParameters,
            string file,
            List<HelpProblem> problems)
        {
            foreach (ParameterHelp parameter in parameters)
            {
                foreach (ParameterMetadata block in parameter.Metadata)
                {
                    if (block.AppliesToAllSets)
                    {
                        continue;
                    }

                    foreach (string set in block.ParameterSets)
                    {
                        if (!headings.Any(h => string.Equals(h.Name, set, StringComparison.OrdinalIgnoreCase)))
                        {
                            problems.Add(new HelpProblem(file, block.Line, $"parameter -{parameter.Name} names parameter set '{set}', which ## SYNTAX does not have"));
                        }
                    }
                }
            }

            var sets = new List<SyntaxSet>();
            foreach (SyntaxHeading heading in headings)
            {
                sets.Add(BuildSet(heading, parameters, brokenParameters, file, problems));
            }

            return sets;
        }

        private static SyntaxSet BuildSet(
            SyntaxHeading heading,
            IReadOnlyList<ParameterHelp> parameters,
            IReadOnlyList<string> brokenParameters,
            string file,
            List<HelpProblem> problems)
        {
            var members = new List<SyntaxParameter>();
            var shown = new List<string>();
            foreach (Match token in ParameterToken.Matches(heading.Code))
            {
                string name = token.Groups["name"].Value;
                if (shown.Exists(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                shown.Add(name);
                if (brokenParameters.Any(b => string.Equals(b, name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                ParameterHelp? parameter = Find(parameters, name);
                if (parameter is null)
                {
                    problems.Add(new HelpProblem(file, heading.Line, $"syntax of set '{heading.Name}' shows -{name}, which has no '### -{name}' entry in ## PARAMETERS"));
                    continue;
                }

                ParameterMetadata? metadata = parameter.For(heading.Name);
                if (metadata is null)
                {
                    problems.Add(new HelpProblem(file, heading.Line, $"syntax of set '{heading.Name}' shows -{name}, but the yaml of -{name} does not list that set"));
                    continue;
                }

                members.Add(new SyntaxParameter(parameter, metadata));
            }

            foreach (ParameterHelp parameter in parameters)
            {
                ParameterMetadata? metadata = parameter.For(heading.Name);
                if (metadata != null && !shown.Exists(s => string.Equals(s, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add(new HelpProblem(file, heading.Line, $"parameter -{parameter.Name} belongs to set '{heading.Name}' but its syntax block does not show it"));
                }
            }

            return new SyntaxSet(heading.Name, heading.IsDefault, heading.Code, members, heading.Line);
        }

        private static ParameterHelp? Find(IReadOnlyList<ParameterHelp> parameters, string name)
        {
            foreach (ParameterHelp parameter in parameters)
            {
                if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return parameter;
                }
            }

            return null;
        }
    }
}
