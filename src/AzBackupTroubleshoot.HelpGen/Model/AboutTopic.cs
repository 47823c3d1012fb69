namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>An about topic read from <c>about_Name.md</c> (platyPS about schema).</summary>
    internal sealed class AboutTopic
    {
        public AboutTopic(string name, string shortDescription, IReadOnlyList<DocBlock> body)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            ShortDescription = shortDescription ?? throw new ArgumentNullException(nameof(shortDescription));
            Body = body ?? throw new ArgumentNullException(nameof(body));
        }

        /// <summary>The topic name, for example <c>about_AzBackupTroubleshoot</c>.</summary>
        public string Name { get; }

        /// <summary>The SHORT DESCRIPTION text.</summary>
        public string ShortDescription { get; }

        /// <summary>Every block from the <c># SHORT DESCRIPTION</c> heading to the end, in order.</summary>
        public IReadOnlyList<DocBlock> Body { get; }

        /// <summary>The help file name PowerShell looks for: <c>about_Name.help.txt</c>.</summary>
        public string HelpFileName => Name + ".help.txt";
    }
}
