namespace AzBackupTroubleshoot.Core.Facts.Windows.Commands
{
    /// <summary>
    /// Runs a fixed read-only <see cref="WindowsCommand"/> on the machine the facts come from, or answers it from a capture.
    /// A CIM session cannot run a program and return its output, so over a remote session the answer is
    /// <see cref="WindowsCommandOutput.NotRun"/> with the reason.
    /// </summary>
    public interface IWindowsCommandSource
    {
        /// <summary>The command's output, or why it was not run; a failure to run or read it (timeout, too much output, not in a capture) throws.</summary>
        WindowsCommandOutput Run(WindowsCommand command, CancellationToken cancellationToken);
    }
}
