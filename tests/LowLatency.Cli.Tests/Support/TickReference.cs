using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Cli.Tests.Support;

/// <summary>The straightforward reference for time-window counts: every event of every file, read in full.</summary>
internal static class TickReference
{
    /// <summary>Events of <paramref name="files"/> in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) and outside it.</summary>
    public static (long Inside, long Outside) Count(IEnumerable<string> files, DateTime fromUtc, DateTime toUtc)
    {
        long from = Ns(fromUtc), to = Ns(toUtc), inside = 0, outside = 0;
        var e = default(MarketEvent);
        foreach (string file in files)
        {
            foreach (ITickSource source in TickSources.Open(file, new SymbolTable(), new TickReadOptions()))
            {
                using (source)
                {
                    while (source.TryRead(ref e))
                    {
                        if (e.TimestampNs >= from && e.TimestampNs < to)
                        {
                            inside++;
                        }
                        else
                        {
                            outside++;
                        }
                    }
                }
            }
        }

        return (inside, outside);
    }

    public static long Ns(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
