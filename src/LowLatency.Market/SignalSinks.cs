namespace LowLatency.Market;

/// <summary>Combines sinks: <see cref="Combine"/> hands every signal and fill to each in turn.</summary>
public static class SignalSinks
{
    /// <summary>One sink for all of <paramref name="sinks"/> (nulls skipped); null when none is left.</summary>
    public static ISignalSink? Combine(params ISignalSink?[] sinks)
    {
        ISignalSink[] present = [.. sinks.Where(s => s is not null).Select(s => s!)];
        return present.Length switch
        {
            0 => null,
            1 => present[0],
            _ => new Tee(present),
        };
    }

    private sealed class Tee(ISignalSink[] sinks) : ISignalSink
    {
        public void OnSignal(in Signal signal)
        {
            foreach (ISignalSink sink in sinks)
            {
                sink.OnSignal(in signal);
            }
        }

        public void OnFill(in Fill fill)
        {
            foreach (ISignalSink sink in sinks)
            {
                sink.OnFill(in fill);
            }
        }
    }
}
