using AzBackupTroubleshoot.Core.Checks;

namespace AzBackupTroubleshoot.Core.Reporting
{
    /// <summary>A cause as words: <c>NoNetworkAccess</c> reads "No network access".</summary>
    public static class CauseLabel
    {
        /// <summary>The cause's name with its words separated and all but the first in lower case.</summary>
        public static string For(Cause cause)
        {
            var name = cause.ToString();
            var text = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (i > 0 && char.IsUpper(c))
                {
                    text.Append(' ').Append(char.ToLowerInvariant(c));
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.ToString();
        }
    }
}
