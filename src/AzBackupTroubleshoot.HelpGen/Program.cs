// Placeholder until the generator lands (branch helpgen).
internal static class Program
{
    private static int Main() => 2;
}
