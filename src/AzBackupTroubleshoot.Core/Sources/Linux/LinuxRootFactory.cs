namespace AzBackupTroubleshoot.Core.Sources.Linux
{
    /// <summary>Opens the root a user named: a folder or a zip bundle.</summary>
    public static class LinuxRootFactory
    {
        /// <summary>Opens <paramref name="path"/> as a folder root or, for a file, as a zip bundle.</summary>
        /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
        /// <exception cref="InvalidDataException">The file is not a zip archive.</exception>
        public static ILinuxRoot Open(string path)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return new FolderLinuxRoot(full);
            }

            if (File.Exists(full))
            {
                return ZipLinuxRoot.Open(full);
            }

            throw new FileNotFoundException($"No folder or bundle exists at '{full}'.", full);
        }
    }
}
