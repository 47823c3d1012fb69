using AzBackupTroubleshoot.Core.Sources.Linux;

namespace AzBackupTroubleshoot.Core.Facts.Linux
{
    /// <summary>
    /// A folder a reader lists but cannot (permission denied, a path with <c>..</c>, a link loop) is reported as a
    /// <see cref="FileProblem"/> naming the folder, the way an unreadable file is: its files are unknown, not absent. The
    /// checks turn the problem into an Error result (<see cref="Checks.ResultBuilder.Error"/>).
    /// </summary>
    internal static class UnlistedFolder
    {
        /// <summary>The problem an unlisted folder reports, or null when it was listed (or is simply not there).</summary>
        public static FileProblem? Problem(RootListing listing)
        {
            if (listing is null)
            {
                throw new ArgumentNullException(nameof(listing));
            }

            return listing.Status == RootReadStatus.Unreadable
                ? new FileProblem(listing.Path, $"the folder cannot be listed ({listing.Problem})", $"Run as root (the agent's folders are root's), check the folder's mode (ls -ld {listing.Path}), or fix the path if it comes from /etc/waagent.conf; a folder that cannot be listed is not an empty one.")
                : null;
        }

        /// <summary>The listing as it is; when the folder could not be listed, its problem is added to <paramref name="problems"/> first.</summary>
        public static RootListing Noting(this RootListing listing, ICollection<FileProblem> problems)
        {
            var problem = Problem(listing);
            if (problem != null && problems != null)
            {
                problems.Add(problem);
            }

            return listing;
        }
    }
}
