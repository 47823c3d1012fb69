namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// The command line: <c>--docs &lt;dir&gt; --out &lt;dir&gt; [--check]</c>.
    /// Exit codes: 0 done / up to date, 1 <c>--check</c> found missing or stale files, 2 the docs have problems
    /// (nothing written), 64 bad arguments, 74 a file could not be read or written.
    /// </summary>
    internal static class HelpGenCommandLine
    {
        /// <summary>Generated (or, with --check, up to date).</summary>
        public const int Success = 0;

        /// <summary>--check: the output folder differs from a fresh generation.</summary>
        public const int Stale = 1;

        /// <summary>The docs have schema problems; nothing was written.</summary>
        public const int InvalidDocs = 2;

        /// <summary>Bad command line.</summary>
        public const int Usage = 64;

        /// <summary>Reading the docs or writing the output failed.</summary>
        public const int IOError = 74;

        private const string UsageText =
            "usage: AzBackupTroubleshoot.HelpGen --docs <dir> --out <dir> [--check]\n" +
            "  --docs   folder with platyPS markdown: <Verb-Noun>.md and about_<Topic>.md\n" +
            "  --out    folder for <external help file> (MAML) and about_<Topic>.help.txt, e.g. en-US\n" +
            "  --check  generate in memory only; exit 1 and list the files in --out that are missing or stale\n" +
            "exit codes: 0 ok, 1 stale (--check), 2 invalid docs (file:line: problem), 64 usage, 74 I/O error";

        /// <summary>Runs the tool; all output goes to the given writers.</summary>
        public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
        {
            string? docs = null;
            string? output = null;
            bool check = false;
            for (int i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--docs" when i + 1 < args.Count:
                        docs = args[++i];
                        break;
                    case "--out" when i + 1 < args.Count:
                        output = args[++i];
                        break;
                    case "--check":
                        check = true;
                        break;
                    case "--help":
                    case "-h":
                        stdout.WriteLine(UsageText);
                        return Success;
                    default:
                        stderr.WriteLine($"helpgen: unexpected argument '{args[i]}'");
                        stderr.WriteLine(UsageText);
                        return Usage;
                }
            }

            if (docs is null || output is null)
            {
                stderr.WriteLine("helpgen: --docs and --out are required");
                stderr.WriteLine(UsageText);
                return Usage;
            }

            HelpGeneration generation;
            try
            {
                generation = HelpGenerator.FromDirectory(docs);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                stderr.WriteLine($"helpgen: cannot read docs: {e.Message}");
                return IOError;
            }

            foreach (string skipped in generation.Skipped)
            {
                stdout.WriteLine($"skipped (not Verb-Noun.md or about_Name.md): {skipped}");
            }

            if (generation.Problems.Count > 0)
            {
                foreach (HelpProblem problem in generation.Problems)
                {
                    stderr.WriteLine(problem.ToString());
                }

                stderr.WriteLine($"helpgen: {generation.Problems.Count} problem(s) in the docs; nothing written");
                return InvalidDocs;
            }

            var folder = new HelpOutputFolder(output);
            try
            {
                if (check)
                {
                    IReadOnlyList<string> differences = folder.FindDifferences(generation.Files);
                    foreach (string difference in differences)
                    {
                        stderr.WriteLine(difference);
                    }

                    if (differences.Count > 0)
                    {
                        stderr.WriteLine($"helpgen: {differences.Count} file(s) in {output} do not match the docs; run without --check to regenerate");
                        return Stale;
                    }

                    stdout.WriteLine($"helpgen: {generation.Files.Count} file(s) in {output} are up to date");
                    return Success;
                }

                IReadOnlyList<string> written = folder.Write(generation.Files);
                foreach (string path in written)
                {
                    stdout.WriteLine("wrote " + path);
                }

                stdout.WriteLine($"helpgen: {generation.Commands.Count} command(s), {generation.Topics.Count} about topic(s); {written.Count} of {generation.Files.Count} file(s) changed");
                return Success;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                stderr.WriteLine($"helpgen: cannot write {output}: {e.Message}");
                return IOError;
            }
        }
    }
}
