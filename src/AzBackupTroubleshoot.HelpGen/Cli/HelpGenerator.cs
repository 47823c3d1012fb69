using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>A help source: a markdown file's path (as shown in messages) and its text.</summary>
    internal sealed class HelpSource
    {
        public HelpSource(string path, string text)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Text = text ?? throw new ArgumentNullException(nameof(text));
        }

        /// <summary>Path used in messages; its file name decides how the file is read.</summary>
        public string Path { get; }

        /// <summary>File contents.</summary>
        public string Text { get; }
    }

    /// <summary>Everything one generation produced: the output files in memory, the parsed models and the problems.</summary>
    internal sealed class HelpGeneration
    {
        public HelpGeneration(
            IReadOnlyList<KeyValuePair<string, string>> files,
            IReadOnlyList<CommandHelp> commands,
            IReadOnlyList<AboutTopic> topics,
            IReadOnlyList<string> skipped,
            IReadOnlyList<HelpProblem> problems)
        {
            Files = files;
            Commands = commands;
            Topics = topics;
            Skipped = skipped;
            Problems = problems;
        }

        /// <summary>Output file name (no folder) and content, sorted by name; empty when there are problems.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Files { get; }

        /// <summary>Parsed cmdlet help, sorted by name.</summary>
        public IReadOnlyList<CommandHelp> Commands { get; }

        /// <summary>Parsed about topics, sorted by name.</summary>
        public IReadOnlyList<AboutTopic> Topics { get; }

        /// <summary>Markdown files whose names are neither <c>Verb-Noun.md</c> nor <c>about_Name.md</c>, and were not read.</summary>
        public IReadOnlyList<string> Skipped { get; }

        /// <summary>Problems in every file, file by file in name order.</summary>
        public IReadOnlyList<HelpProblem> Problems { get; }
    }

    /// <summary>Turns a docs folder (cmdlet and about_ markdown) into MAML and about_ help text, all in memory.</summary>
    internal static class HelpGenerator
    {
        private static readonly Regex CommandFile = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+\.md$", RegexOptions.CultureInvariant);
        private static readonly Regex AboutFile = new Regex(@"^about_[A-Za-z0-9_.]+\.md$", RegexOptions.CultureInvariant);

        /// <summary>Reads every top-level <c>*.md</c> file of <paramref name="docsDirectory"/> and generates from them.</summary>
        public static HelpGeneration FromDirectory(string docsDirectory)
        {
            if (!Directory.Exists(docsDirectory))
            {
                throw new DirectoryNotFoundException($"docs folder not found: {docsDirectory}");
            }

            var sources = new List<HelpSource>();
            foreach (string file in Directory.GetFiles(docsDirectory, "*.md").OrderBy(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal))
            {
                sources.Add(new HelpSource(System.IO.Path.Combine(docsDirectory, System.IO.Path.GetFileName(file)), File.ReadAllText(file)));
            }

            return Generate(sources, docsDirectory);
        }

        /// <summary>Generates from sources already in memory; <paramref name="origin"/> names them when none is usable.</summary>
        public static HelpGeneration Generate(IEnumerable<HelpSource> sources, string origin = "(docs)")
        {
            var problems = new List<HelpProblem>();
            var commands = new List<CommandHelp>();
            var topics = new List<AboutTopic>();
            var skipped = new List<string>();
            foreach (HelpSource source in sources.OrderBy(s => System.IO.Path.GetFileName(s.Path), StringComparer.Ordinal))
            {
                string name = System.IO.Path.GetFileName(source.Path);
                if (AboutFile.IsMatch(name))
                {
                    ParseResult<AboutTopic> about = AboutTopicParser.Parse(source.Path, source.Text);
                    problems.AddRange(about.Problems);
                    if (about.Value != null)
                    {
                        topics.Add(about.Value);
                    }
                }
                else if (CommandFile.IsMatch(name))
                {
                    ParseResult<CommandHelp> command = PlatyPsParser.Parse(source.Path, source.Text);
                    problems.AddRange(command.Problems);
                    if (command.Value != null)
                    {
                        commands.Add(command.Value);
                    }
                }
                else
                {
                    skipped.Add(source.Path);
                }
            }

            if (commands.Count == 0 && topics.Count == 0 && problems.Count == 0)
            {
                problems.Add(new HelpProblem(origin, 0, "no Verb-Noun.md or about_Name.md help source found"));
            }

            var files = new List<KeyValuePair<string, string>>();
            if (problems.Count == 0)
            {
                foreach (IGrouping<string, CommandHelp> group in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
                {
                    files.Add(new KeyValuePair<string, string>(group.First().ExternalHelpFile, MamlWriter.Write(group)));
                }

                foreach (AboutTopic topic in topics)
                {
                    files.Add(new KeyValuePair<string, string>(topic.HelpFileName, AboutTopicWriter.Write(topic)));
                }

                files.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            }

            return new HelpGeneration(
                files,
                commands.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
                topics.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
                skipped,
                problems);
        }
    }
}
