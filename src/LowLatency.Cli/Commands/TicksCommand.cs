using System.CommandLine;

namespace LowLatency.Cli.Commands;

/// <summary><c>ticks ls</c>: commands about recorded tick files themselves, not running them.</summary>
internal static class TicksCommand
{
    public static Command Create(TextWriter output) => new("ticks", "Recorded tick files: list what a folder holds.")
    {
        TicksListCommand.Create(output),
    };
}
