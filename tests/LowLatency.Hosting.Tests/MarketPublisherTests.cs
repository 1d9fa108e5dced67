using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LowLatency.Hosting.Tests;

public sealed class MarketPublisherTests
{
    [Fact]
    public async Task Publish_SteadyState_AllocatesNothing()
    {
        using IHost host = TestHosts.Build();
        await host.StartBounded();
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        SymbolId aapl = publisher.Symbols.GetOrAdd("AAPL");

        MarketEvent trade = TestHosts.Trade(aapl, 1);
        long allocated = await TestHosts.Bounded(() => AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                publisher.Publish(in trade);
                publisher.TryPublish(in trade);
                using MarketClaim claim = publisher.Claim();
                claim.Event = trade;
            }
        }));

        Assert.Equal(0, allocated);
        await host.StopBounded();
        Assert.True(host.Service().Report!.Drained);
    }

    [Fact]
    public void TryPublish_RingFull_ReturnsFalse()
    {
        using IHost host = TestHosts.Build(o => o.RingSize = 8);
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        MarketEvent trade = TestHosts.Trade(publisher.Symbols.GetOrAdd("AAPL"), 1);

        // Not started: nothing consumes, so exactly the ring's eight slots can be claimed.
        for (int i = 0; i < 8; i++)
        {
            Assert.True(publisher.TryPublish(in trade));
        }

        Assert.False(publisher.TryPublish(in trade));
    }

    [Fact]
    public async Task Claim_Dispose_PublishesTheEventInPlaceWithAnIngestStamp()
    {
        using IHost host = TestHosts.Build();
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        SymbolId msft = service.Symbols.GetOrAdd("MSFT");

        long sequence = await TestHosts.Bounded(() =>
        {
            using MarketClaim claim = service.Publisher.Claim();
            claim.Event = MarketEvent.Quote(msft, FixedPoint.FromInt(99), FixedPoint.FromInt(5), FixedPoint.FromInt(101), FixedPoint.FromInt(7), 42);
            return claim.Sequence;
        });
        Assert.True(service.Pipeline.Drain(TestHosts.Timeout));

        MarketEvent slot = service.Pipeline.RingBuffer[sequence];
        Assert.Equal((MarketEventKind.Quote, msft, 42L), (slot.Kind, slot.Symbol, slot.TimestampNs));
        Assert.True(slot.IngestTimestampNs > 0);
        Assert.Equal(1, service.Pipeline.Aggregator.QuoteCount);
        await host.StopBounded();
    }

    [Fact]
    public async Task Claim_SlotLeftFlaggedByAnEarlierEvent_StartsWithoutTheFlag()
    {
        using IHost host = TestHosts.Build(o => o.RingSize = 2);
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        SymbolId ibm = service.Symbols.GetOrAdd("IBM");
        MarketEvent offMarket = TestHosts.Trade(ibm, 1);
        offMarket.Flags = MarketEventFlags.OffMarketPrint;

        await TestHosts.Bounded(() =>
        {
            service.Publisher.Publish(in offMarket);
            service.Publisher.Publish(in offMarket);
            for (int i = 0; i < 2; i++)
            {
                // A caller that fills the fields it knows, as callers did before flags existed.
                using MarketClaim claim = service.Publisher.Claim();
                claim.Event.Kind = MarketEventKind.Trade;
                claim.Event.Symbol = ibm;
                claim.Event.Price = FixedPoint.FromInt(100);
                claim.Event.Size = FixedPoint.FromInt(1);
                claim.Event.TimestampNs = 10 + i;
            }

            return 0;
        });
        Assert.True(service.Pipeline.Drain(TestHosts.Timeout));

        Assert.Equal(2, service.Pipeline.Filter.GetCount(FilterReason.OffMarketPrint));
        Assert.Equal(2, service.Pipeline.Aggregator.TradeCount);
        await host.StopBounded();
    }

    [Fact]
    public void Reserve_ThenPublish_ThrowsWithTheReason()
    {
        using IHost host = TestHosts.Build();
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        MarketEvent trade = TestHosts.Trade(publisher.Symbols.GetOrAdd("AAPL"), 1);

        publisher.Reserve("the feed handler owns the ring");

        Assert.Equal("the feed handler owns the ring", Assert.Throws<InvalidOperationException>(() => publisher.Publish(in trade)).Message);
        Assert.Equal("the feed handler owns the ring", Assert.Throws<InvalidOperationException>(() => publisher.TryPublish(in trade)).Message);
        Assert.Equal("the feed handler owns the ring", Assert.Throws<InvalidOperationException>(() => publisher.Claim().Dispose()).Message);
    }

    [Fact]
    public void Reserve_Twice_ThrowsNamingTheFirstOwner()
    {
        using IHost host = TestHosts.Build();
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();
        publisher.Reserve("first owner");

        var ex = Assert.Throws<InvalidOperationException>(() => publisher.Reserve("second owner"));

        Assert.Equal("first owner", ex.Message);
    }

    [Fact]
    public void Reserve_RingOwnedByTheBuiltInInput_Throws()
    {
        using IHost host = TestHosts.Build(o => o.Input = InputKind.Generator);
        MarketPublisher publisher = host.Services.GetRequiredService<MarketPublisher>();

        var ex = Assert.Throws<InvalidOperationException>(() => publisher.Reserve("the bridge"));

        Assert.Contains("built-in Generator input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishTryPublishAndClaim_SlotsLeftByThePreviousLap_CarryNoStageField()
    {
        using IHost host = TestHosts.Build(o => o.RingSize = 4);
        MarketPipelineService service = host.Service(); // not started: each slot stays as published
        MarketEvent trade = TestHosts.Trade(service.Symbols.GetOrAdd("AAPL"), 1);
        trade.FilterReason = FilterReason.StaleTimestamp; // what a caller copying a consumed event would pass on
        RingBuffer<MarketEvent> ring = service.Pipeline.RingBuffer;
        for (int i = 0; i < 3; i++)
        {
            LeaveStageFields(ref ring[i]);
        }

        long before = MonotonicClock.NowNs();
        service.Publisher.Publish(in trade);
        Assert.True(service.Publisher.TryPublish(in trade));
        using (MarketClaim claim = service.Publisher.Claim())
        {
            Assert.Equal(default, claim.Event); // blank: nothing of the previous lap, flags included
            claim.Event.Kind = MarketEventKind.Trade;
            claim.Event.FilterReason = FilterReason.StaleTimestamp; // a stage field the caller had no business writing
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((FilterReason.None, FixedPoint.Zero, SignalSide.None), (ring[i].FilterReason, ring[i].RollingVwap, ring[i].Signal));
            Assert.True(ring[i].IngestTimestampNs >= before, "not stamped at publish");
        }
    }

    private static void LeaveStageFields(ref MarketEvent slot)
    {
        slot.FilterReason = FilterReason.StaleTimestamp;
        slot.RollingVwap = FixedPoint.FromInt(7);
        slot.Signal = SignalSide.Buy;
        slot.Flags = MarketEventFlags.OffMarketPrint;
        slot.IngestTimestampNs = 1;
    }
}
