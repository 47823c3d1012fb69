namespace AzBackupTroubleshoot.HelpGen
{
    /// <summary>Entry point: <c>dotnet run --project src/AzBackupTroubleshoot.HelpGen -- --docs docs --out en-US [--check]</c>.</summary>
    internal static class Program
    {
        private static int Main(string[] args) => HelpGenCommandLine.Run(args, Console.Out, Console.Error);
    }
}
