namespace AzBackupTroubleshoot.Core.Platform
{
    /// <summary>
    /// Quotes an argument list into the single string ProcessStartInfo takes on netstandard2.0 (no ArgumentList there),
    /// by the rules both the .NET runtime and the Windows C runtime use to split it back.
    /// </summary>
    public static class ArgumentQuoting
    {
        /// <summary>Joins arguments so that each one arrives unchanged.</summary>
        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        /// <summary>Quotes one argument when it needs it.</summary>
        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\\' && c != '\''))
            {
                return argument;
            }

            var sb = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    sb.Append('\\', (backslashes * 2) + 1).Append('"');
                }
                else
                {
                    sb.Append('\\', backslashes).Append(c);
                }

                backslashes = 0;
            }

            sb.Append('\\', backslashes * 2).Append('"');
            return sb.ToString();
        }
    }
}
