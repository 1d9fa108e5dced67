using M = LowLatency.Hosting.MarketPipelineMetrics;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>Every instrument of the meter and its UCUM unit, as the README's table lists them.</summary>
internal static class InstrumentUnits
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>
    {
        [M.EventsPublished] = "{event}",
        [M.EventsProcessed] = "{event}",
        [M.EventsFailed] = "{event}",
        [M.EventsFiltered] = "{event}",
        [M.Signals] = "{signal}",
        [M.SignalsDropped] = "{signal}",
        [M.Fills] = "{fill}",
        [M.IntentsSuppressed] = "{intent}",
        [M.RingLag] = "{event}",
        [M.RingOccupancy] = "1",
        [M.LatencyP50] = "ns",
        [M.LatencyP99] = "ns",
        [M.LatencyMax] = "ns",
    };
}
