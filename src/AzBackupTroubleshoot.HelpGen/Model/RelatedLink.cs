namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>A RELATED LINKS entry: <c>[text](uri)</c>.</summary>
    internal sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        }

        /// <summary>The link text.</summary>
        public string Text { get; }

        /// <summary>The link target as written (absolute URL or a relative <c>.md</c> file).</summary>
        public string Uri { get; }
    }
}
