namespace LowLatency.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run started but did not complete cleanly (events not drained, pipeline halted).</summary>
    public const int RunFailed = 1;

    /// <summary>An option was missing or invalid, or names an output that cannot be written (an input, a folder
    /// without write permission, a full disk, a Parquet table whose DECIMAL(18,8) cannot hold a valid price): the output
    /// is an option's problem, so it is this code at whatever point it shows. No output is left half-written.</summary>
    public const int InvalidOptions = 2;

    /// <summary>Bad input data (malformed row, truncated or corrupt file).</summary>
    public const int BadInput = 3;

    /// <summary>
    /// The run completed but some input was skipped or cut short (bad rows skipped with --skip-bad-rows, a truncated
    /// file, a dropped zip entry, damaged journal blocks, Kafka messages dead-lettered as bad); the summary counts it by
    /// reason.
    /// </summary>
    public const int IncompleteInput = 4;

    /// <summary>Stopped by Ctrl+C (SIGINT) after a graceful stop: the summary and report cover what was processed.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after a graceful stop: the summary and report cover what was processed.</summary>
    public const int Terminated = 143;
}
