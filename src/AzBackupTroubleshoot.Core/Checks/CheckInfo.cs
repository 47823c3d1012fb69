namespace AzBackupTroubleshoot.Core.Checks
{
    /// <summary>The public description of a check id.</summary>
    public sealed class CheckInfo
    {
        internal CheckInfo(string id, Cause cause, CheckPlatform platform, string title)
        {
            Id = id;
            Cause = cause;
            Platform = platform;
            Title = title;
        }

        /// <summary>The stable id.</summary>
        public string Id { get; }

        /// <summary>The cause the check looks for.</summary>
        public Cause Cause { get; }

        /// <summary>Where its facts come from.</summary>
        public CheckPlatform Platform { get; }

        /// <summary>What it checks.</summary>
        public string Title { get; }
    }
}
