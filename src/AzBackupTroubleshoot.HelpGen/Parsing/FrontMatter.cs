namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>The platyPS front matter of a cmdlet file (<c>external help file</c>, <c>Module Name</c>, <c>online version</c>, <c>schema</c>).</summary>
    internal sealed class FrontMatter
    {
        /// <summary>The only schema version this generator reads.</summary>
        public const string SupportedSchema = "2.0.0";

        private FrontMatter(string externalHelpFile, string moduleName, string onlineVersion)
        {
            ExternalHelpFile = externalHelpFile;
            ModuleName = moduleName;
            OnlineVersion = onlineVersion;
        }

        /// <summary>MAML file name, for example <c>AzBackupTroubleshoot.dll-Help.xml</c>.</summary>
        public string ExternalHelpFile { get; }

        /// <summary>Module name.</summary>
        public string ModuleName { get; }

        /// <summary>Online version URL (may be empty).</summary>
        public string OnlineVersion { get; }

        /// <summary>Reads and checks the front matter; returns null (with problems added) if it is missing or invalid.</summary>
        public static FrontMatter? Read(MarkdownOutline outline, string file, List<HelpProblem> problems)
        {
            if (outline.FrontMatter is null)
            {
                problems.Add(new HelpProblem(file, 1, "missing YAML front matter (--- external help file / Module Name / online version / schema ---)"));
                return null;
            }

            int before = problems.Count;
            DocBlock block = outline.FrontMatter;
            IReadOnlyList<KeyValueLine> pairs = KeyValueLines.Read(block, file, "front matter", problems);
            string Required(string key, bool mayBeEmpty)
            {
                KeyValueLine? pair = KeyValueLines.Find(pairs, key);
                if (pair is null)
                {
                    problems.Add(new HelpProblem(file, block.Line, $"front matter: missing key '{key}'"));
                    return string.Empty;
                }

                if (!mayBeEmpty && pair.Value.Length == 0)
                {
                    problems.Add(new HelpProblem(file, pair.Line, $"front matter: '{key}' is empty"));
                }

                return pair.Value;
            }

            string helpFile = Required("external help file", mayBeEmpty: false);
            string module = Required("Module Name", mayBeEmpty: false);
            string online = Required("online version", mayBeEmpty: true);
            string schema = Required("schema", mayBeEmpty: false);
            if (schema.Length > 0 && schema != SupportedSchema)
            {
                problems.Add(new HelpProblem(file, KeyValueLines.Find(pairs, "schema")!.Line, $"front matter: schema must be {SupportedSchema}, found '{schema}'"));
            }

            if (helpFile.Length > 0 && !IsHelpFileName(helpFile))
            {
                problems.Add(new HelpProblem(
                    file,
                    KeyValueLines.Find(pairs, "external help file")!.Line,
                    $"front matter: 'external help file' must be a file name ending in -Help.xml, found '{helpFile}'"));
            }

            return problems.Count > before ? null : new FrontMatter(helpFile, module, online);
        }

        private static bool IsHelpFileName(string name) =>
            name.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase) &&
            name.IndexOfAny(new[] { '/', '\\', ':' }) < 0 &&
            name != "-Help.xml" &&
            !name.StartsWith(".", StringComparison.Ordinal);
    }
}
