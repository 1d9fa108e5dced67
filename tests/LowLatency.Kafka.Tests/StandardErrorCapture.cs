namespace LowLatency.Kafka.Tests;

/// <summary>Redirects <see cref="Console.Error"/> until disposed; use inside <see cref="StandardErrorCollection"/>.</summary>
internal sealed class StandardErrorCapture : IDisposable
{
    private readonly TextWriter _original = Console.Error;
    private readonly StringWriter _captured = new();

    public StandardErrorCapture() => Console.SetError(TextWriter.Synchronized(_captured)); // librdkafka's threads may write

    public string Text => _captured.ToString();

    public void Dispose()
    {
        Console.SetError(_original);
        _captured.Dispose();
    }
}
