namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>
    /// The folder generated help goes to (for example <c>en-US/</c>). Compares generated files with what is on disk
    /// and replaces changed files: every new file is written to a temporary file in the folder first, and only when
    /// all of them are written are they moved over the old ones. Files the generator does not produce are left alone.
    /// </summary>
    internal sealed class HelpOutputFolder
    {
        private const string TempSuffix = ".helpgen-tmp";
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public HelpOutputFolder(string path)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The folder path as given.</summary>
        public string Path { get; }

        /// <summary>
        /// Lists the generated files that are missing on disk or differ byte for byte, as <c>missing: path</c> or
        /// <c>stale: path</c>, in name order.
        /// </summary>
        public IReadOnlyList<string> FindDifferences(IReadOnlyList<KeyValuePair<string, string>> files)
        {
            var differences = new List<string>();
            foreach (KeyValuePair<string, string> file in files)
            {
                string target = System.IO.Path.Combine(Path, file.Key);
                if (!File.Exists(target))
                {
                    differences.Add("missing: " + target);
                }
                else if (!BytesEqual(File.ReadAllBytes(target), Utf8NoBom.GetBytes(file.Value)))
                {
                    differences.Add("stale: " + target);
                }
            }

            return differences;
        }

        /// <summary>Writes the files that differ from disk; returns the paths it replaced or created.</summary>
        public IReadOnlyList<string> Write(IReadOnlyList<KeyValuePair<string, string>> files)
        {
            Directory.CreateDirectory(Path);
            var pending = new List<KeyValuePair<string, string>>();
            try
            {
                foreach (KeyValuePair<string, string> file in files)
                {
                    string target = System.IO.Path.Combine(Path, file.Key);
                    byte[] bytes = Utf8NoBom.GetBytes(file.Value);
                    if (File.Exists(target) && BytesEqual(File.ReadAllBytes(target), bytes))
                    {
                        continue;
                    }

                    string temp = System.IO.Path.Combine(Path, "." + file.Key + TempSuffix);
                    pending.Add(new KeyValuePair<string, string>(temp, target));
                    File.WriteAllBytes(temp, bytes);
                }
            }
            catch
            {
                foreach (KeyValuePair<string, string> move in pending)
                {
                    TryDelete(move.Key);
                }

                throw;
            }

            var written = new List<string>();
            foreach (KeyValuePair<string, string> move in pending)
            {
                File.Move(move.Key, move.Value, overwrite: true);
                written.Add(move.Value);
            }

            return written;
        }

        private static bool BytesEqual(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // best effort: the temp file is hidden and overwritten by the next run
            }
            catch (UnauthorizedAccessException)
            {
                // same as above
            }
        }
    }
}
