namespace LowLatency.Cli;

/// <summary>An option combination that parsed but cannot run; reported as one line with exit code 2.</summary>
public sealed class OptionException : Exception
{
    public OptionException()
    {
    }

    public OptionException(string message)
        : base(message)
    {
    }

    public OptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
