using LowLatency.Engine;

namespace LowLatency.Cli.Commands;

/// <summary>
/// The console's fault reporter: the first ten handler faults of a run, one line each, on standard error; the rest
/// only counted (the summary's per-stage failures column has them all). The engine itself writes nothing.
/// </summary>
internal sealed class ConsoleFaultReporter(TextWriter error)
{
    private const int MaxPrinted = 10;
    private int _printed;

    /// <summary>For <see cref="EventPipeline{T}.FaultReporter"/>: runs on the failing stage's thread.</summary>
    public void Report(HandlerFault fault)
    {
        int printed = Interlocked.Increment(ref _printed);
        if (printed > MaxPrinted)
        {
            return;
        }

        error.WriteLine($"handler '{fault.HandlerName}' failed at sequence {fault.Sequence}: " +
            $"{fault.Exception.GetType().Name}: {fault.Exception.Message}" +
            (printed == MaxPrinted ? " (further failures are counted, not printed)" : ""));
    }
}
