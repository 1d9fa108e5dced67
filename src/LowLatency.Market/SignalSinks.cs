namespace LowLatency.Market;

/// <summary>Combines sinks: <see cref="Combine"/> hands every signal, fill and equity point to each in turn; one that throws does
/// not keep the others from it (the first exception is rethrown once all had their turn).</summary>
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
            Exception? first = null;
            foreach (ISignalSink sink in sinks)
            {
                try
                {
                    sink.OnSignal(in signal);
                }
                catch (Exception ex)
                {
                    first ??= ex;
                }
            }

            Rethrow(first);
        }

        public void OnFill(in Fill fill)
        {
            Exception? first = null;
            foreach (ISignalSink sink in sinks)
            {
                try
                {
                    sink.OnFill(in fill);
                }
                catch (Exception ex)
                {
                    first ??= ex;
                }
            }

            Rethrow(first);
        }

        public void OnEquity(in Trading.EquityPoint point)
        {
            Exception? first = null;
            foreach (ISignalSink sink in sinks)
            {
                try
                {
                    sink.OnEquity(in point);
                }
                catch (Exception ex)
                {
                    first ??= ex;
                }
            }

            Rethrow(first);
        }

        private static void Rethrow(Exception? first)
        {
            if (first is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }
        }
    }
}
