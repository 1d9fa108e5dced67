using LowLatency.Market.Generation;
using LowLatency.Market.Tests.Support;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Generation;

public sealed class MarketEventGeneratorTests
{
    private static readonly MarketEventGeneratorOptions s_walk = new() { Model = GeneratorModel.RandomWalk, Seed = 5 };

    [Theory]
    [InlineData(GeneratorModel.Classic)]
    [InlineData(GeneratorModel.RandomWalk)]
    public void Next_SameSeed_ProducesIdenticalSequence(GeneratorModel model)
    {
        var options = new MarketEventGeneratorOptions { Model = model, Seed = 2024 };

        MarketEvent[] first = EventStream.Generate(new SymbolTable(8), options, 10_000);
        MarketEvent[] second = EventStream.Generate(new SymbolTable(8), options, 10_000);

        Assert.Equal(first, second); // every byte of every event, stage fields and flags included
    }

    [Theory]
    [InlineData(GeneratorModel.Classic)]
    [InlineData(GeneratorModel.RandomWalk)]
    public void Next_DifferentSeed_ProducesDifferentSequence(GeneratorModel model)
    {
        MarketEvent[] a = EventStream.Generate(new SymbolTable(8), new MarketEventGeneratorOptions { Model = model, Seed = 1 }, 1_000);
        MarketEvent[] b = EventStream.Generate(new SymbolTable(8), new MarketEventGeneratorOptions { Model = model, Seed = 2 }, 1_000);

        int differing = 0;
        for (int i = 0; i < a.Length; i++)
        {
            differing += a[i].Price != b[i].Price || a[i].Symbol != b[i].Symbol || a[i].Size != b[i].Size ? 1 : 0;
        }

        Assert.True(differing > 900, "only " + differing + " of 1000 events differ");
    }

    [Fact]
    public void Next_Classic_TradesWithinDemoRanges()
    {
        var table = new SymbolTable(8);
        MarketEvent[] events = EventStream.Generate(table, new MarketEventGeneratorOptions(), 40_000);
        int[] perSymbol = new int[3];
        long minPrice = long.MaxValue, maxPrice = long.MinValue, minSize = long.MaxValue, maxSize = long.MinValue;

        foreach (MarketEvent e in events)
        {
            Assert.Equal(MarketEventKind.Trade, e.Kind);
            Assert.InRange(e.Price, P(100m), P(200m));
            Assert.Equal(0, e.Price.Raw % 1_000_000);                 // whole cents
            Assert.InRange(e.Size, P(1m), P(1000m));
            Assert.Equal(0, e.Size.Raw % FixedPoint.Scale);           // whole shares
            Assert.Equal(FixedPoint.Zero, e.AskPrice);
            Assert.Equal(FixedPoint.Zero, e.AskSize);
            perSymbol[e.Symbol.Value]++;
            minPrice = Math.Min(minPrice, e.Price.Raw);
            maxPrice = Math.Max(maxPrice, e.Price.Raw);
            minSize = Math.Min(minSize, e.Size.Raw);
            maxSize = Math.Max(maxSize, e.Size.Raw);
        }

        Assert.Equal(3, table.Count);
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], [table.GetName(new(0)), table.GetName(new(1)), table.GetName(new(2))]);
        Assert.All(perSymbol, count => Assert.InRange(count, 12_600, 14_000)); // 40 000 / 3 ± 5%
        // Both ends are inclusive and, for this seed, drawn at least once.
        Assert.Equal(P(100m).Raw, minPrice);
        Assert.Equal(P(200m).Raw, maxPrice);
        Assert.Equal(P(1m).Raw, minSize);
        Assert.Equal(P(1000m).Raw, maxSize);
    }

    [Fact]
    public void Next_Timestamps_StartAtEpochAndStepDeterministically()
    {
        var options = new MarketEventGeneratorOptions { TimestampStepNs = 250 };
        MarketEvent[] events = EventStream.Generate(new SymbolTable(8), options, 1_000);

        for (int i = 0; i < events.Length; i++)
        {
            Assert.Equal(MarketEventGeneratorOptions.DefaultStartTimestampNs + (i * 250L), events[i].TimestampNs);
        }

        long expectedStart = new DateTimeOffset(2024, 1, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(expectedStart, events[0].TimestampNs);
    }

    [Fact]
    public void Next_RandomWalk_QuotesUncrossedOnTickGridAndTimestampsIncreasing()
    {
        var table = new SymbolTable(8);
        var generator = new MarketEventGenerator(table, s_walk);
        long tick = s_walk.TickSize.Raw;
        long lot = s_walk.LotSize.Raw;
        var e = new MarketEvent();
        long previousTimestamp = long.MinValue;
        int quotes = 0, trades = 0;
        long[] bid = new long[3], ask = new long[3], eventsSinceQuote = new long[3];

        for (int i = 0; i < 20_000; i++)
        {
            generator.Next(ref e);
            Assert.True(e.TimestampNs > previousTimestamp);
            previousTimestamp = e.TimestampNs;
            int s = e.Symbol.Value;
            Assert.InRange(s, 0, 2);
            eventsSinceQuote[s]++;
            if (e.Kind == MarketEventKind.Quote)
            {
                quotes++;
                Assert.True(e.BidPrice < e.AskPrice);
                Assert.True(e.AskPrice.Raw - e.BidPrice.Raw >= tick);
                Assert.True(e.BidPrice.Raw > 0);
                Assert.Equal(0, e.BidPrice.Raw % tick);
                Assert.Equal(0, e.AskPrice.Raw % tick);
                Assert.Equal(0, e.BidSize.Raw % lot);
                Assert.Equal(0, e.AskSize.Raw % lot);
                Assert.InRange(e.BidSize.Raw, lot, 10 * lot);
                Assert.InRange(e.AskSize.Raw, lot, 10 * lot);
                bid[s] = e.BidPrice.Raw;
                ask[s] = e.AskPrice.Raw;
                eventsSinceQuote[s] = 0;
            }
            else
            {
                trades++;
                Assert.Equal(MarketEventKind.Trade, e.Kind);
                Assert.True(e.Price.Raw > 0);
                Assert.Equal(0, e.Price.Raw % tick);
                Assert.Equal(0, e.Size.Raw % lot);
                if (bid[s] != 0)
                {
                    // At or near the last quoted BBO: the book moved at most MaxStepTicks per event of the symbol since.
                    long drift = eventsSinceQuote[s] * s_walk.MaxStepTicks * tick;
                    Assert.InRange(e.Price.Raw, bid[s] - drift, ask[s] + drift);
                }
            }
        }

        Assert.InRange(quotes, 15_400, 16_600); // 80% of 20 000, ±3%
        Assert.Equal(20_000, quotes + trades);
    }

    [Fact]
    public void Next_RandomWalkWithStartPrices_StartsNearThem()
    {
        var options = s_walk with { Symbols = ["EURUSD", "BTCUSDT"], StartPrices = [P(1.08345m), P(43_000m)], TickSize = P(0.00001m), MaxStepTicks = 1 };
        var table = new SymbolTable(4);
        var generator = new MarketEventGenerator(table, options);
        var e = new MarketEvent();

        for (int i = 0; i < 100; i++)
        {
            generator.Next(ref e);
            FixedPoint start = e.Symbol == table.GetOrAdd("EURUSD") ? P(1.08345m) : P(43_000m);
            Assert.InRange(e.Price.Raw, start.Raw - (100 * options.TickSize.Raw), start.Raw + (110 * options.TickSize.Raw));
        }
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        var table = new SymbolTable(8);

        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketEventGenerator(table, new MarketEventGeneratorOptions { TimestampStepNs = 0 }));
        Assert.Throws<ArgumentException>(() => new MarketEventGenerator(table, new MarketEventGeneratorOptions { Symbols = [] }));
        Assert.Throws<ArgumentException>(() => new MarketEventGenerator(table, new MarketEventGeneratorOptions { Symbols = ["A", "A"] }));
        Assert.Throws<ArgumentException>(() => new MarketEventGenerator(table, s_walk with { StartPrices = [P(1m)] }));
        Assert.Throws<ArgumentException>(() => new MarketEventGenerator(table, s_walk with { StartPrices = [P(1.001m), P(2m), P(3m)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketEventGenerator(table, s_walk with { QuotePercent = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketEventGenerator(table, s_walk with { MaxSpreadTicks = 0 }));
    }

    [Theory]
    [InlineData(GeneratorModel.Classic)]
    [InlineData(GeneratorModel.RandomWalk)]
    public void Next_SteadyState_AllocatesNothing(GeneratorModel model)
    {
        var generator = new MarketEventGenerator(new SymbolTable(8), new MarketEventGeneratorOptions { Model = model });
        var slot = new MarketEvent[1];
        long checksum = 0;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                generator.Next(ref slot[0]);
                checksum += slot[0].Price.Raw;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, generator.EventCount % 100_000);
        Assert.True(checksum > 0);
    }

    [Fact]
    public void Next_ReusedSlot_OverwritesEveryField()
    {
        var generator = new MarketEventGenerator(new SymbolTable(8), new MarketEventGeneratorOptions());
        var dirty = new MarketEvent
        {
            IngestTimestampNs = 5,
            AskPrice = P(1m),
            AskSize = P(1m),
            RollingVwap = P(3m),
            FilterReason = FilterReason.CrossedQuote,
            Signal = SignalSide.Buy,
        };

        generator.Next(ref dirty);

        Assert.Equal(0, dirty.IngestTimestampNs);
        Assert.Equal(FixedPoint.Zero, dirty.AskPrice);
        Assert.Equal(FixedPoint.Zero, dirty.AskSize);
        Assert.Equal(FixedPoint.Zero, dirty.RollingVwap);
        Assert.Equal(FilterReason.None, dirty.FilterReason);
        Assert.Equal(SignalSide.None, dirty.Signal);
    }
}
