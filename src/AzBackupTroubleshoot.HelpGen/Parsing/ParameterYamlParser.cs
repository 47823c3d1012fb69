using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>Reads the <c>```yaml</c> metadata block of a platyPS parameter entry into <see cref="ParameterMetadata"/>.</summary>
    internal static class ParameterYamlParser
    {
        /// <summary>Keys platyPS 0.14 writes, in its order.</summary>
        public static readonly IReadOnlyList<string> KnownKeys = new[]
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
            "Accept pipeline input", "Accept wildcard characters",
        };

        private static readonly IReadOnlyList<string> RequiredKeys = new[]
        {
            "Type", "Parameter Sets", "Required", "Position", "Accept pipeline input", "Accept wildcard characters",
        };

        private static readonly Regex PipelineInput = new Regex(
            @"^(false|true(\s*\(\s*(ByValue|ByPropertyName)\s*(,\s*(ByValue|ByPropertyName)\s*)?\))?)$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// Parses <paramref name="block"/> for parameter <paramref name="parameterName"/>; returns null and adds
        /// problems (with the offending key's line) when the block is not valid.
        /// </summary>
        public static ParameterMetadata? Parse(DocBlock block, string parameterName, string file, List<HelpProblem> problems)
        {
            int before = problems.Count;
            string what = $"parameter -{parameterName} yaml";
            IReadOnlyList<KeyValueLine> pairs = KeyValueLines.Read(block, file, what, problems);
            foreach (KeyValueLine pair in pairs)
            {
                if (!IsKnownKey(pair.Key))
                {
                    problems.Add(new HelpProblem(file, pair.Line, $"{what}: unknown key '{pair.Key}' (expected one of: {string.Join(", ", KnownKeys)})"));
                }
            }

            foreach (string key in RequiredKeys)
            {
                if (KeyValueLines.Find(pairs, key) is null)
                {
                    problems.Add(new HelpProblem(file, block.Line, $"{what}: missing key '{key}'"));
                }
            }

            string type = Value(pairs, "Type");
            if (KeyValueLines.Find(pairs, "Type") is KeyValueLine typeLine && type.Length == 0)
            {
                problems.Add(new HelpProblem(file, typeLine.Line, $"{what}: 'Type' is empty"));
            }

            IReadOnlyList<string> sets = KeyValueLines.SplitList(Value(pairs, "Parameter Sets"));
            if (sets.Count == 1 && ContainsAll(sets))
            {
                sets = new[] { ParameterMetadata.AllSets };
            }

            if (KeyValueLines.Find(pairs, "Parameter Sets") is KeyValueLine setsLine)
            {
                if (sets.Count == 0)
                {
                    problems.Add(new HelpProblem(file, setsLine.Line, $"{what}: 'Parameter Sets' is empty (use (All) for every set)"));
                }
                else if (sets.Count > 1 && ContainsAll(sets))
                {
                    problems.Add(new HelpProblem(file, setsLine.Line, $"{what}: 'Parameter Sets' lists (All) together with named sets"));
                }
            }

            bool required = ReadBoolean(pairs, "Required", file, what, problems);
            bool globbing = ReadBoolean(pairs, "Accept wildcard characters", file, what, problems);

            string position = Value(pairs, "Position");
            if (KeyValueLines.Find(pairs, "Position") is KeyValueLine positionLine && !IsPosition(position))
            {
                problems.Add(new HelpProblem(file, positionLine.Line, $"{what}: 'Position' must be Named or a number, found '{position}'"));
            }

            string pipeline = Value(pairs, "Accept pipeline input");
            if (KeyValueLines.Find(pairs, "Accept pipeline input") is KeyValueLine pipelineLine && !PipelineInput.IsMatch(pipeline))
            {
                problems.Add(new HelpProblem(
                    file,
                    pipelineLine.Line,
                    $"{what}: 'Accept pipeline input' must be False or True (ByValue|ByPropertyName|ByPropertyName, ByValue), found '{pipeline}'"));
            }

            if (problems.Count > before)
            {
                return null;
            }

            string defaultValue = Value(pairs, "Default value");
            return new ParameterMetadata(
                type,
                sets,
                KeyValueLines.SplitList(Value(pairs, "Aliases")),
                KeyValueLines.SplitList(Value(pairs, "Accepted values")),
                required,
                position,
                defaultValue.Length == 0 ? "None" : defaultValue,
                pipeline,
                globbing,
                block.Line);
        }

        private static bool IsKnownKey(string key)
        {
            foreach (string known in KnownKeys)
            {
                if (string.Equals(known, key, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContainsAll(IReadOnlyList<string> sets)
        {
            foreach (string set in sets)
            {
                if (string.Equals(set, ParameterMetadata.AllSets, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Value(IReadOnlyList<KeyValueLine> pairs, string key) => KeyValueLines.Find(pairs, key)?.Value ?? string.Empty;

        private static bool ReadBoolean(IReadOnlyList<KeyValueLine> pairs, string key, string file, string what, List<HelpProblem> problems)
        {
            KeyValueLine? pair = KeyValueLines.Find(pairs, key);
            if (pair is null)
            {
                return false;
            }

            if (string.Equals(pair.Value, "True", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!string.Equals(pair.Value, "False", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new HelpProblem(file, pair.Line, $"{what}: '{key}' must be True or False, found '{pair.Value}'"));
            }

            return false;
        }

        private static bool IsPosition(string value) =>
            string.Equals(value, "Named", StringComparison.OrdinalIgnoreCase) ||
            (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int position) && position >= 0);
    }
}
