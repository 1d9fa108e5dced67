using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Support;

/// <summary>Drains a tick source, for the reader tests that check a whole read.</summary>
internal static class TickReads
{
    public static List<MarketEvent> ReadAll(ITickSource source)
    {
        var events = new List<MarketEvent>();
        var e = new MarketEvent();
        while (source.TryRead(ref e))
        {
            events.Add(e);
        }

        return events;
    }
}
