namespace LowLatency.Cli.Tests;

/// <summary>Runs the console app in-process and captures what it wrote.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(new CliApp(), args);

    /// <summary>Runs <paramref name="app"/>, e.g. one with the user's own strategies added.</summary>
    public static (int ExitCode, string Output, string Error) Run(CliApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = app.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
