using System.Globalization;
using LowLatency.Engine;
using LowLatency.Hosting.Inputs;
using LowLatency.Hosting.Settings;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;

namespace LowLatency.Hosting.Tests.Inputs;

public sealed class TickFileInputTests
{
    [Fact]
    public void Run_SlotsLeftByThePreviousLap_CarryNoStageField()
    {
        using var csv = TempTickCsv.Trades(4, _ => "AAPL", i => (100 + i).ToString(CultureInfo.InvariantCulture));
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(4); // no consumer: each slot stays as published
        for (int i = 0; i < 4; i++)
        {
            ring[i].FilterReason = FilterReason.StaleTimestamp;
            ring[i].RollingVwap = FixedPoint.FromInt(7);
            ring[i].Signal = SignalSide.Buy;
            ring[i].IngestTimestampNs = 1;
        }

        using var input = new TickFileInput(ring, new SymbolTable(), new TickInputSettings { Paths = [csv.Path] });
        long before = MonotonicClock.NowNs();

        input.Run(TestContext.Current.CancellationToken);

        Assert.Equal(4, input.Published);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((FixedPoint.FromInt(100 + i), FilterReason.None, FixedPoint.Zero, SignalSide.None),
                (ring[i].Price, ring[i].FilterReason, ring[i].RollingVwap, ring[i].Signal));
            Assert.True(ring[i].IngestTimestampNs >= before, "not stamped at publish");
        }
    }
}
