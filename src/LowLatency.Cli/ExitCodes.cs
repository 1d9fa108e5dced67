namespace LowLatency.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run started but did not complete cleanly (events not drained, pipeline halted).</summary>
    public const int RunFailed = 1;

    /// <summary>An option was missing or invalid; nothing ran.</summary>
    public const int InvalidOptions = 2;

    /// <summary>Bad input data (malformed row, truncated or corrupt file).</summary>
    public const int BadInput = 3;
}
