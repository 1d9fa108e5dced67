using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests;

/// <summary>The one way producers fill a slot, and every producer path of this library that uses it: a slot left by
/// the previous lap (stage fields, flags, an old stamp) reaches the stages with none of them.</summary>
public sealed class MarketEventSlotTests
{
    [Fact]
    public void Write_EventCarryingStageFields_CopiesProducerFieldsClearsStageFieldsAndStamps()
    {
        MarketEvent e = MarketEvent.Trade(new SymbolId(3), FixedPoint.FromInt(101), FixedPoint.FromInt(5), timestampNs: 42);
        e.Flags = MarketEventFlags.OffMarketPrint;
        LeaveStageFields(ref e);
        var slot = default(MarketEvent);
        long before = MonotonicClock.NowNs();

        MarketEventSlot.Write(ref slot, in e);

        AssertNoStageField(slot, stampedAfter: before);
        Assert.Equal((42L, FixedPoint.FromInt(101), FixedPoint.FromInt(5), new SymbolId(3), MarketEventFlags.OffMarketPrint),
            (slot.TimestampNs, slot.Price, slot.Size, slot.Symbol, slot.Flags));
    }

    [Fact]
    public void Blank_SlotOfThePreviousLap_ZeroesEveryField()
    {
        MarketEvent slot = MarketEvent.Trade(new SymbolId(3), FixedPoint.FromInt(101), FixedPoint.FromInt(5), timestampNs: 42);
        slot.Flags = MarketEventFlags.OffMarketPrint;
        LeaveStageFields(ref slot);

        MarketEventSlot.Blank(ref slot);

        Assert.Equal(default, slot);
    }

    [Fact]
    public void PublishAndTryPublish_SlotLeftByThePreviousLap_CarriesNoStageField()
    {
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(2); // no consumer: laps freely
        MarketEvent trade = MarketEvent.Trade(new SymbolId(1), FixedPoint.FromInt(100), FixedPoint.FromInt(1));
        LeaveStageFields(ref ring[0]);
        LeaveStageFields(ref ring[1]);
        long before = MonotonicClock.NowNs();

        long first = MarketEventSlot.Publish(ring, in trade);
        Assert.True(MarketEventSlot.TryPublish(ring, in trade));

        Assert.Equal((0L, 1L), (first, ring.Cursor));
        AssertNoStageField(ring[0], stampedAfter: before);
        AssertNoStageField(ring[1], stampedAfter: before);
    }

    [Fact]
    public void Publish_SteadyState_AllocatesNothing()
    {
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(1024); // no consumer: laps freely
        MarketEvent trade = MarketEvent.Trade(new SymbolId(1), FixedPoint.FromInt(100), FixedPoint.FromInt(1));

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 50_000; i++)
            {
                MarketEventSlot.Publish(ring, in trade);
                MarketEventSlot.TryPublish(ring, in trade);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(0)] // flat out: batched publishing
    [InlineData(1_000_000)] // paced: one publish per event
    public void GeneratorProducer_SlotsLeftByThePreviousLap_CarryNoStageField(long eventsPerSecond)
    {
        var symbols = new SymbolTable();
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(4);
        for (int i = 0; i < 4; i++)
        {
            LeaveStageFields(ref ring[i]);
        }

        var producer = new GeneratorProducer(ring, new MarketEventGenerator(symbols, new MarketEventGeneratorOptions()));
        long before = MonotonicClock.NowNs();

        producer.Produce(4, eventsPerSecond, TestContext.Current.CancellationToken);

        Assert.Equal(3, ring.Cursor);
        for (int i = 0; i < 4; i++)
        {
            AssertNoStageField(ring[i], stampedAfter: before);
        }
    }

    [Fact]
    public void MarketPipelinePublish_SlotLeftByThePreviousLap_CarriesNoStageField()
    {
        var symbols = new SymbolTable();
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = 8 })
            .WithStrategy(StrategyCatalog.WithBuiltIns().Default).Build(); // not started: the slot stays as published
        LeaveStageFields(ref pipeline.RingBuffer[0]);
        long before = MonotonicClock.NowNs();

        pipeline.Publish(MarketEvent.Trade(symbols.GetOrAdd("AAPL"), FixedPoint.FromInt(100), FixedPoint.FromInt(1)));

        AssertNoStageField(pipeline.RingBuffer[0], stampedAfter: before);
    }

    /// <summary>What stages (and an old stamp) leave in a slot; a producer must never pass any of it on.</summary>
    private static void LeaveStageFields(ref MarketEvent slot)
    {
        slot.FilterReason = FilterReason.StaleTimestamp;
        slot.RollingVwap = FixedPoint.FromInt(7);
        slot.Signal = SignalSide.Buy;
        slot.IngestTimestampNs = 1;
    }

    private static void AssertNoStageField(in MarketEvent slot, long stampedAfter)
    {
        Assert.Equal((FilterReason.None, FixedPoint.Zero, SignalSide.None), (slot.FilterReason, slot.RollingVwap, slot.Signal));
        Assert.True(slot.IngestTimestampNs >= stampedAfter, "not stamped at publish");
    }
}
