using System.Globalization;
using System.IO.Compression;
using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Market.Tests.Ticks.Import;

public sealed class LeanTickSourceTests : IDisposable
{
    private const string NewYork = "America/New_York";
    private const string Utc = "UTC";
    private const string UtcMinus5 = "-05:00";

    private readonly LeanTestZip _zips = new();

    public void Dispose() => _zips.Dispose();

    // The figures of the shared data README, section 1 (quantity -1: a quote file, which has none).
    [Theory]
    [InlineData("equity/usa/tick/spy/20131007_trade.zip", "SPY", NewYork, 250_601, "14400464", "71999536", "167.01", "168.90", 97_062_721)]
    [InlineData("equity/usa/tick/spy/20131008_trade.zip", "SPY", NewYork, 451_545, "14417034", "71998962", "165.16", "167.72", 178_346_557)]
    [InlineData("equity/usa/tick/aig/20131007_trade.zip", "AIG", NewYork, 25_351, "14400688", "71997520", "48.69", "49.18", 5_300_449)]
    [InlineData("equity/usa/tick/bac/20131007_trade.zip", "BAC", NewYork, 88_172, "14400614", "71993464", "13.79", "14.12", 64_411_712)]
    [InlineData("equity/usa/tick/bac/20131007_quote.zip", "BAC", NewYork, 476_855, "14400151", "72000601", "13.79", "14.02", -1)]
    [InlineData("equity/usa/tick/ibm/20131007_trade.zip", "IBM", NewYork, 24_293, "14430270", "69967550", "181.35", "183.31", 3_960_352)]
    [InlineData("equity/usa/tick/ibm/20131007_quote.zip", "IBM", NewYork, 109_067, "14400054", "72000122", "180.01", "186.00", -1)]
    [InlineData("forex/fxcm/tick/eurusd/20140501_quote.zip", "EURUSD", UtcMinus5, 51_053, "1787", "86387638", "1.38572", "1.38893", -1)]
    [InlineData("forex/oanda/tick/eurusd/20140501_quote.zip", "EURUSD", Utc, 24_179, "292", "86371310", "1.38623", "1.38899", -1)]
    [InlineData("cfd/oanda/tick/xauusd/20140504_quote.zip", "XAUUSD", Utc, 9_889, "79200579.427", "86397389.1722", "1299.189", "1303.179", -1)]
    public void Open_ReadmeSample_MatchesReadmeFigures(
        string file, string symbol, string zone, int rows, string firstMs, string lastMs, string minPrice, string maxPrice, long quantity)
    {
        string path = SharedData.RequireTickFile("lean/" + file);
        var symbols = new SymbolTable();
        using LeanTickSource source = LeanTestZip.OpenSingle(path, symbols);
        List<MarketEvent> events = TickReads.ReadAll(source);

        DateOnly date = DateOnly.ParseExact(Path.GetFileName(path)[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
        long firstNs = ExpectedUtcNs(date, firstMs, zone);
        long lastNs = ExpectedUtcNs(date, lastMs, zone);
        Assert.Equal(symbol, symbols.GetName(source.Symbol));
        Assert.Equal(rows, source.RowsRead);
        Assert.Equal(0, source.SkippedRows);
        Assert.Equal(rows, events.Count + source.IgnoredRows);
        Assert.All(events, e => Assert.Equal(source.Symbol, e.Symbol));
        AssertNonDecreasing(events);
        Assert.Equal(lastNs, events[^1].TimestampNs);
        (FixedPoint low, FixedPoint high) = PriceRange(events);
        Assert.Equal(FixedPoint.Parse(minPrice), low);
        Assert.Equal(FixedPoint.Parse(maxPrice), high);
        if (quantity >= 0)
        {
            Assert.All(events, e => Assert.True(e.IsTrade));
            Assert.Equal(0, source.IgnoredRows);
            Assert.Equal(firstNs, events[0].TimestampNs);
            Assert.Equal(quantity, TotalQuantity(events));
        }
        else
        {
            // Equity quotes emit from the row that completes the book; the README's first time is the very first row.
            Assert.All(events, e => Assert.True(e.IsQuote));
            Assert.InRange(events[0].TimestampNs, firstNs, lastNs);
            if (source.IgnoredRows == 0)
            {
                Assert.Equal(firstNs, events[0].TimestampNs);
            }
        }
    }

    [Fact]
    public void Open_FuturesSample_OneSourcePerExpiryMatchingReadme()
    {
        string path = SharedData.RequireTickFile("lean/future/comex/tick/gc/20131007_trade.zip");
        var symbols = new SymbolTable();
        IReadOnlyList<ITickSource> sources = LeanTickSource.Open(path, symbols, new TickReadOptions());
        try
        {
            Assert.Equal(10, sources.Count);
            var all = new List<MarketEvent>();
            foreach (ITickSource source in sources)
            {
                List<MarketEvent> events = TickReads.ReadAll(source);
                AssertNonDecreasing(events);
                Assert.Equal(events.Count, source.RowsRead);
                string symbol = symbols.GetName(((LeanTickSource)source).Symbol);
                Assert.Matches("^GC[0-9]{6}$", symbol);
                Assert.EndsWith("_" + symbol[2..] + ".csv", source.Name, StringComparison.Ordinal);
                if (symbol == "GC201312")
                {
                    Assert.Equal(39_702, events.Count);
                    Assert.Equal(92, events.Count(e => e.Size == FixedPoint.Zero));
                }

                all.AddRange(events);
            }

            var date = new DateOnly(2013, 10, 7);
            Assert.Equal(40_192, all.Count);
            Assert.Equal(147, all.Count(e => e.Size == FixedPoint.Zero));
            Assert.Equal(53_044, TotalQuantity(all));
            Assert.Equal(ExpectedUtcNs(date, "276", Utc), all.Min(e => e.TimestampNs));
            Assert.Equal(ExpectedUtcNs(date, "86392934", Utc), all.Max(e => e.TimestampNs));
            Assert.Equal((FixedPoint.Parse("1307.9"), FixedPoint.Parse("1331.2")), PriceRange(all));
        }
        finally
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }
        }
    }

    [Fact]
    public void TryRead_FxcmSample_KeepsCrossedQuotes()
    {
        string path = SharedData.RequireTickFile("lean/forex/fxcm/tick/eurusd/20140501_quote.zip");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(3_991, events.Count(e => e.BidPrice > e.AskPrice));
        Assert.All(events, e => Assert.Equal((FixedPoint.Zero, FixedPoint.Zero), (e.BidSize, e.AskSize)));
    }

    [Fact]
    public void TryRead_IbmQuoteSample_EmitsAndCountsTheSuspiciousRow()
    {
        string path = SharedData.RequireTickFile("lean/equity/usa/tick/ibm/20131007_quote.zip");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(1, source.SuspiciousRows);
        Assert.Equal(source.RowsRead, events.Count + source.IgnoredRows);
    }

    [Fact]
    public void TryRead_EquityTrade_ScalesPriceAndConvertsNewYorkTime()
    {
        string path = _zips.Write("equity/usa/tick/spy/20131007_trade.zip", "14400464,1674100,100,P,20002000,0\n34200000,1674123,5,Q,,1");
        var symbols = new SymbolTable();
        using LeanTickSource source = LeanTestZip.OpenSingle(path, symbols);
        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(2, events.Count);
        Assert.Equal(MarketEvent.Trade(source.Symbol, FixedPoint.Parse("167.41"), FixedPoint.Parse("100"), UtcNs(2013, 10, 7, 8, 0, 0, 464)), events[0]);
        Assert.Equal(MarketEvent.Trade(source.Symbol, FixedPoint.Parse("167.4123"), FixedPoint.Parse("5"), UtcNs(2013, 10, 7, 13, 30)), events[1]);
        Assert.Equal("SPY", symbols.GetName(source.Symbol));
        Assert.Equal(new DateOnly(2013, 10, 7), source.Date);
        Assert.Equal(1, source.SuspiciousRows); // emitted all the same: the filter decides
    }

    [Fact]
    public void TryRead_MalformedPrice_ThrowsWithFileLineAndColumn()
    {
        string path = _zips.Write(
            "equity/usa/tick/spy/20131007_trade.zip", ("20131007_spy_Trade_Tick.csv", "14400464,1674100,100,P,2000,0\n14400465,16741x0,100,P,2000,0\n"));
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());
        var e = new MarketEvent();
        Assert.True(source.TryRead(ref e));

        TickFormatException ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal(
            path + "!20131007_spy_Trade_Tick.csv:2: column 'price': '16741x0' is not a price ×10000 (a non-negative whole number)",
            ex.Message);
        Assert.Equal((path + "!20131007_spy_Trade_Tick.csv", 2L, "price", "16741x0"), (ex.File, ex.Line, ex.Column, ex.OffendingText));
    }

    [Theory]
    [InlineData("1440x464,1674100,100,P,2000,0", "time", "1440x464")]
    [InlineData("86400000,1674100,100,P,2000,0", "time", "86400000")]
    [InlineData("14400464,1674100,-5,P,2000,0", "quantity", "-5")]
    [InlineData("14400464,1674100", "quantity", "14400464,1674100")]
    [InlineData("14400464,1674100,100,P,2000,2", "suspicious", "2")]
    [InlineData("14400464,1674100,100,P,2000,0,extra", null, "14400464,1674100,100,P,2000,0,extra")]
    [InlineData("14400464,1674100,100,P,20G0,0", "sale condition", "20G0")]
    [InlineData("14400464,1674100,100,P,-100000,0", "sale condition", "-100000")]
    [InlineData("14400464,1674100,100,P,10000000000000000,0", "sale condition", "10000000000000000")] // 17 digits: over 64 bits
    public void TryRead_MalformedTradeRow_NamesColumnAndText(string row, string? column, string offending)
    {
        string path = _zips.Write("equity/usa/tick/spy/20131007_trade.zip", row);
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());
        var e = new MarketEvent();

        TickFormatException ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal((1L, column, offending), (ex.Line, ex.Column, ex.OffendingText));
        Assert.StartsWith(path + "!data.csv:1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_NonHexSaleCondition_MessageNamesTheColumn()
    {
        string path = _zips.Write("equity/usa/tick/spy/20131007_trade.zip", "14400464,1674100,100,P,2000,0\n14400465,1674100,100,P,@,0\n");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());
        var e = new MarketEvent();
        Assert.True(source.TryRead(ref e));

        TickFormatException ex = Assert.Throws<TickFormatException>(() => source.TryRead(ref e));

        Assert.Equal(path + "!data.csv:2: column 'sale condition': '@' is not trade-condition flags (hexadecimal digits)", ex.Message);
    }

    [Fact]
    public void TryRead_AveragePriceSaleCondition_FlagsOffMarketPrintAndCountsIt()
    {
        const string Csv =
            "14400464,1674100,100,P,100000,0\n" + // average price (bit 20): off-market
            "14400465,1674100,100,P,2000,0\n" + // regular
            "14400466,1674100,100,P,,0\n" + // no condition
            "14400467,1674100,100,P,00102000,0\n" + // average price among others, leading zeros
            "14400468,1674100,100,P,4000000,0\n" + // bit 26: not an off-market condition
            "14400469,1674100,100,P,a00,0\n" + // derivatively priced (9) and sold last (11), lowercase
            "14400470,1674100,100,P,A00"; // the same in uppercase, no suspicious column
        string path = _zips.Write("equity/usa/tick/spy/20131007_trade.zip", Csv);
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        List<MarketEvent> events = TickReads.ReadAll(source);

        MarketEventFlags off = MarketEventFlags.OffMarketPrint, none = MarketEventFlags.None;
        Assert.Equal([off, none, none, off, none, off, off], events.Select(e => e.Flags));
        Assert.Equal(4, source.OffMarketRows);
        Assert.Equal(7, source.RowsRead);
        Assert.All(events, e => Assert.Equal(FixedPoint.Parse("167.41"), e.Price)); // the price is kept as printed
    }

    // AlgoSeek trade-condition bits (LEAN's TradeConditionFlags): the ten whose price is not the market's, and others.
    [Theory]
    [InlineData(1, true)]   // cash
    [InlineData(2, true)]   // next day
    [InlineData(3, true)]   // seller's option
    [InlineData(9, true)]   // derivatively priced
    [InlineData(11, true)]  // sold last
    [InlineData(14, true)]  // out of sequence
    [InlineData(18, true)]  // stock option
    [InlineData(20, true)]  // average price
    [InlineData(22, true)]  // price variation
    [InlineData(25, true)]  // prior reference price
    [InlineData(0, false)]  // regular
    [InlineData(5, false)]  // odd lot
    [InlineData(13, false)] // intermarket sweep
    [InlineData(29, false)] // the common "2000xxxx" prefix
    [InlineData(63, false)]
    public void TryRead_SaleConditionBit_OffMarketOnlyForPricesNotAtTheMarket(int bit, bool offMarket)
    {
        string condition = (1UL << bit).ToString("x", CultureInfo.InvariantCulture);
        string path = _zips.Write("equity/usa/tick/spy/20131007_trade.zip", "14400464,1674100,100,P," + condition + ",0");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        MarketEvent e = Assert.Single(TickReads.ReadAll(source));

        Assert.Equal(offMarket ? MarketEventFlags.OffMarketPrint : MarketEventFlags.None, e.Flags);
        Assert.Equal(offMarket ? 1 : 0, source.OffMarketRows);
    }

    [Fact]
    public void TryRead_EquityQuoteCondition_IsNotReadAsSaleCondition()
    {
        string path = _zips.Write("equity/usa/tick/bac/20131007_quote.zip", "14400002,1384000,700,1401000,300,P,ZZ,0");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        MarketEvent e = Assert.Single(TickReads.ReadAll(source));

        Assert.Equal(MarketEventFlags.None, e.Flags);
        Assert.Equal(0, source.OffMarketRows);
    }

    [Fact]
    public void TryRead_SpyTradeSample_OffMarketRowsMatchTheSaleConditionColumn()
    {
        string path = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        List<MarketEvent> events = TickReads.ReadAll(source);

        // Reference: the fifth column of the CSV, read as hexadecimal, against the ten off-market bits.
        const ulong OffMarketBits = (1UL << 1) | (1UL << 2) | (1UL << 3) | (1UL << 9) | (1UL << 11) | (1UL << 14) | (1UL << 18)
            | (1UL << 20) | (1UL << 22) | (1UL << 25);
        using ZipArchive zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.Entries[0].Open());
        var expected = new List<bool>();
        while (reader.ReadLine() is { } line)
        {
            string condition = line.Split(',')[4];
            expected.Add(condition.Length > 0 && (ulong.Parse(condition, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & OffMarketBits) != 0);
        }

        Assert.Equal(expected, events.Select(e => e.Flags == MarketEventFlags.OffMarketPrint));
        Assert.Equal(expected.Count(x => x), source.OffMarketRows);
        Assert.InRange(source.OffMarketRows, 100, 1_000);
    }

    [Fact]
    public void TryRead_SkipBadRows_CountsAndSkipsMalformedRows()
    {
        const string Csv =
            "1000,1.1,1.2\n" +
            "2000,abc,1.2\n" + // bad bid
            "\n" + // blank: not a row
            "3000,1.1\n" + // missing ask
            "4000,1.1,1.2,9\n" + // extra column
            "-5,1.1,1.2\n" + // bad time
            "6000,1.1,1.123456789\n" + // 9 decimals
            "7000,1.3,1.4";
        string path = _zips.Write("forex/oanda/tick/eurusd/20140501_quote.zip", Csv);
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true });

        List<MarketEvent> events = TickReads.ReadAll(source);

        long[] expected = [UtcNs(2014, 5, 1, 0, 0, 1), UtcNs(2014, 5, 1, 0, 0, 7)];
        Assert.Equal(expected, events.Select(e => e.TimestampNs));
        Assert.Equal(FixedPoint.Parse("1.4"), events[1].AskPrice);
        Assert.Equal(7, source.RowsRead);
        Assert.Equal(5, source.SkippedRows);
        Assert.Equal(0, source.IgnoredRows);
        Assert.Equal("5 (bad bid price 1, missing fields 1, extra fields 1, bad time 1, bad ask price 1)", source.Losses.DescribeSkipped());
        Assert.Empty(source.Losses.Damage);
    }

    [Fact]
    public void Open_EntryCrcMismatch_ThrowsNamingArchiveAndEntry()
    {
        // 1.2 -> 1.3: still a valid row, so only the CRC can tell.
        string path = _zips.WriteStoredAndDamage(
            "forex/oanda/tick/eurusd/20140501_quote.zip", "1000,1.1,1.2", "1000,1.1,1.3", ("data.csv", "1000,1.1,1.2\n2000,1.1,1.2\n"));

        var ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.StartsWith(path + "!data.csv: CRC-32 mismatch: the entry is damaged (stored ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("26 bytes, 2 lines)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path + "!data.csv", ex.File);
    }

    [Fact]
    public void Open_EntryCrcMismatchWhenSkipping_DropsThatEntryOnlyAndReportsIt()
    {
        string path = _zips.WriteStoredAndDamage(
            "future/comex/tick/gc/20131007_trade.zip",
            "2000,1310.5",
            "2000,1318.5",
            ("20131007_gc_tick_trade_201312.csv", "1000,1310.1,1,usa,,0\n3000,1310.2,2,usa,,0\n"),
            ("20131007_gc_tick_trade_201402.csv", "2000,1310.5,1,usa,,0\n"));

        IReadOnlyList<ITickSource> sources = LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true });
        try
        {
            Assert.Equal(2, sources.Count);
            Assert.Equal(2, TickReads.ReadAll(sources[0]).Count);
            Assert.Empty(TickReads.ReadAll(sources[1]));
            Assert.True(sources[0].Losses.IsComplete);
            string damage = Assert.Single(sources[1].Losses.Damage);
            Assert.StartsWith(path + "!20131007_gc_tick_trade_201402.csv: entry dropped, CRC-32 mismatch: the entry is damaged", damage, StringComparison.Ordinal);
            Assert.EndsWith("21 bytes, 1 lines)", damage, StringComparison.Ordinal);
            Assert.Equal(0, sources[1].RowsRead);
        }
        finally
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("79200579.427", 79_200_579_427_000)]
    [InlineData("86397389.1722", 86_397_389_172_200)]
    [InlineData("0.000001", 1)]
    [InlineData("5.1234567", 5_123_456)] // below a nanosecond: dropped
    [InlineData("86399999.999999", 86_399_999_999_999)]
    public void TryRead_FractionalMilliseconds_ExactNanoseconds(string ms, long nsSinceMidnight)
    {
        string path = _zips.Write("cfd/oanda/tick/xauusd/20140504_quote.zip", ms + ",1300.151,1301.801\n");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        MarketEvent e = Assert.Single(TickReads.ReadAll(source));

        Assert.Equal(UtcNs(2014, 5, 4) + nsSinceMidnight, e.TimestampNs);
        Assert.Equal((FixedPoint.Parse("1300.151"), FixedPoint.Parse("1301.801")), (e.BidPrice, e.AskPrice));
    }

    [Fact]
    public void TryRead_OneSidedEquityQuotes_BuildsBestBidAndOffer()
    {
        const string Csv =
            "14400000,0,0,1402000,500,Q,1,0\n" + // ask only: book incomplete
            "14400001,0,0,1401000,300,Q,1,0\n" + // new ask, still no bid
            "14400002,1384000,700,0,0,P,1,0\n" + // bid: first BBO
            "14400003,0,0,1395000,20000,P,1,0\n" + // ask moves
            "14400004,1385000,100,0,0,P,1,1\n" + // bid moves (suspicious, still emitted)
            "14400005,0,0,0,0,P,1,0"; // neither side: nothing to emit
        string path = _zips.Write("equity/usa/tick/bac/20131007_quote.zip", Csv);
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        List<MarketEvent> events = TickReads.ReadAll(source);

        long midnightUtc = UtcNs(2013, 10, 7, 4, 0); // New York midnight in October (EDT, UTC-4)
        SymbolId bac = source.Symbol;
        MarketEvent[] expected =
        [
            MarketEvent.Quote(bac, Fx.P(138.40m), Fx.P(700), Fx.P(140.10m), Fx.P(300), midnightUtc + Ms(14_400_002)),
            MarketEvent.Quote(bac, Fx.P(138.40m), Fx.P(700), Fx.P(139.50m), Fx.P(20_000), midnightUtc + Ms(14_400_003)),
            MarketEvent.Quote(bac, Fx.P(138.50m), Fx.P(100), Fx.P(139.50m), Fx.P(20_000), midnightUtc + Ms(14_400_004)),
        ];
        Assert.Equal(expected, events);
        Assert.Equal(6, source.RowsRead);
        Assert.Equal(3, source.IgnoredRows);
        Assert.Equal(1, source.SuspiciousRows);
    }

    [Theory]
    [InlineData("20130708", 4)] // summer: EDT, UTC-4
    [InlineData("20131210", 5)] // winter: EST, UTC-5
    [InlineData("20130310", 5)] // spring-forward day, before 02:00
    [InlineData("20131103", 4)] // fall-back day, before 01:00
    public void TryRead_NewYorkDate_UsesThatDaysOffset(string date, int hoursBehindUtc)
    {
        string path = _zips.Write("equity/usa/tick/ibm/" + date + "_trade.zip", "1800000,1815200,283,P,20002020,0\n"); // 00:30
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        MarketEvent e = Assert.Single(TickReads.ReadAll(source));

        DateOnly day = DateOnly.ParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(UtcNs(day.Year, day.Month, day.Day, hoursBehindUtc, 30), e.TimestampNs);
    }

    [Fact]
    public void TryRead_DaylightSavingChangeDays_SwitchOffsetAtTheChange()
    {
        // 2013-03-10 02:00 EST -> 03:00 EDT; 2013-11-03 02:00 EDT -> 01:00 EST (01:00-02:00 happens twice).
        string spring = _zips.Write("equity/usa/tick/ibm/20130310_trade.zip", "5400000,1,1\n9000000,1,1\n10800000,1,1\n"); // 01:30, 02:30, 03:00
        string autumn = _zips.Write("equity/usa/tick/ibm/20131103_trade.zip", "3600000,1,1\n5400000,1,1\n7200000,1,1\n"); // 01:00, 01:30, 02:00
        using LeanTickSource springSource = LeanTestZip.OpenSingle(spring, new SymbolTable());
        using LeanTickSource autumnSource = LeanTestZip.OpenSingle(autumn, new SymbolTable());

        long[] springNs = TickReads.ReadAll(springSource).Select(e => e.TimestampNs).ToArray();
        long[] autumnNs = TickReads.ReadAll(autumnSource).Select(e => e.TimestampNs).ToArray();

        // 02:30 does not exist on the spring day: it is shifted forward by the gap (03:30 EDT = 07:30Z).
        long[] expectedSpring = [UtcNs(2013, 3, 10, 6, 30), UtcNs(2013, 3, 10, 7, 30), UtcNs(2013, 3, 10, 7, 0)];
        Assert.Equal(expectedSpring, springNs);

        // 01:00 and 01:30 resolve to the first (EDT) occurrence; 02:00 is EST.
        long[] expectedAutumn = [UtcNs(2013, 11, 3, 5, 0), UtcNs(2013, 11, 3, 5, 30), UtcNs(2013, 11, 3, 7, 0)];
        Assert.Equal(expectedAutumn, autumnNs);
    }

    [Fact]
    public void TryRead_FxcmQuote_ConvertsFromFixedUtcMinusFive()
    {
        // 2014-07-01 is summer in New York, but FXCM data stays at UTC-05:00.
        string path = _zips.Write("forex/fxcm/tick/eurusd/20140701_quote.zip", "1787,1.38727,1.38729\n");
        using LeanTickSource source = LeanTestZip.OpenSingle(path, new SymbolTable());

        MarketEvent e = Assert.Single(TickReads.ReadAll(source));

        Assert.Equal(UtcNs(2014, 7, 1, 5, 0, 1, 787), e.TimestampNs);
        Assert.Equal(MarketEventKind.Quote, e.Kind);
    }

    [Fact]
    public void TryRead_CrlfBlankLinesAndByteOrderMark_AreTolerated()
    {
        string path = _zips.Write("future/comex/tick/gc/20131007_trade.zip", ("20131007_gc_tick_trade_201312.csv", "\uFEFF276,1313.8,1,usa,,0\r\n\r\n4933381,1313.9,0,usa,,0\r\n"));
        var symbols = new SymbolTable();
        using LeanTickSource source = LeanTestZip.OpenSingle(path, symbols);

        List<MarketEvent> events = TickReads.ReadAll(source);

        Assert.Equal(2, events.Count);
        Assert.Equal(2, source.RowsRead);
        Assert.Equal((FixedPoint.Parse("1313.9"), FixedPoint.Zero), (events[1].Price, events[1].Size));
        Assert.Equal("GC201312", symbols.GetName(source.Symbol));
    }

    [Fact]
    public void Open_SymbolOverride_NamesEveryEntry()
    {
        string path = _zips.Write(
            "future/comex/tick/gc/20131007_trade.zip",
            ("20131007_gc_tick_trade_201312.csv", "276,1313.8,1,usa,,0"),
            ("20131007_gc_tick_trade_201402.csv", "300,1314.8,2,usa,,0"));
        var symbols = new SymbolTable();

        IReadOnlyList<ITickSource> sources = LeanTickSource.Open(path, symbols, new TickReadOptions { Symbol = "GOLD" });

        Assert.Equal(2, sources.Count);
        Assert.All(sources, s => Assert.Equal("GOLD", symbols.GetName(((LeanTickSource)s).Symbol)));
        foreach (ITickSource source in sources)
        {
            source.Dispose();
        }
    }

    [Theory]
    [InlineData("equity/usa/tick/spy/2013-10-07_trade.zip", "is not a LEAN tick file name")]
    [InlineData("equity/usa/tick/spy/20131007_bar.zip", "is neither a trade nor a quote file")]
    [InlineData("equity/usa/minute/spy/20131007_trade.zip", "is not the tick resolution folder")]
    [InlineData("option/usa/tick/spy/20131007_trade.zip", "is not a supported LEAN security type")]
    [InlineData("equity/india/tick/spy/20131007_trade.zip", "is not supported: equity ticks are read for market usa")]
    [InlineData("forex/fxcm/tick/eurusd/20140501_trade.zip", "is not supported: forex ticks are read for market fxcm or oanda, quote files")]
    public void Open_PathNotLeanLayout_ThrowsNamingExpectation(string relativePath, string expected)
    {
        string path = _zips.Write(relativePath, "1,2,3");

        TickFormatException ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.File);
    }

    [Fact]
    public void Open_FuturesEntryWithoutExpiry_ThrowsNamingEntry()
    {
        string path = _zips.Write("future/comex/tick/gc/20131007_trade.zip", ("gc_trades.csv", "276,1313.8,1,usa,,0"));

        TickFormatException ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + "!gc_trades.csv", ex.File);
        Assert.Contains("<expiry YYYYMM>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotAZip_ThrowsNamingTheFile()
    {
        string path = Path.Combine(_zips.Root, "equity/usa/tick/spy/20131007_trade.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "14400464,1674100,100,P,20002000,0\n");

        TickFormatException ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path, ex.File);
        Assert.StartsWith(path + ": is not a readable zip archive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ZipWithoutEntries_ThrowsNamingTheFile()
    {
        string path = _zips.Write("cfd/oanda/tick/xauusd/20140504_quote.zip");

        TickFormatException ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + ": holds no CSV entry", ex.Message);
    }

    [Fact]
    public void Open_MissingFile_ThrowsNamingTheFile()
    {
        string path = Path.Combine(_zips.Root, "equity/usa/tick/spy/20131007_trade.zip");

        TickFormatException ex = Assert.Throws<TickFormatException>(() => LeanTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.StartsWith(path + ": cannot be opened", ex.Message, StringComparison.Ordinal);
    }

    private static long Ms(long milliseconds) => milliseconds * 1_000_000;

    private static long UtcNs(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        (new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    // Independent of the reader: DateTime arithmetic plus the BCL's own zone conversion.
    private static long ExpectedUtcNs(DateOnly date, string ms, string zone)
    {
        decimal milliseconds = decimal.Parse(ms, CultureInfo.InvariantCulture);
        var local = date.ToDateTime(TimeOnly.MinValue).AddTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
        DateTime utc = zone switch
        {
            Utc => DateTime.SpecifyKind(local, DateTimeKind.Utc),
            UtcMinus5 => new DateTimeOffset(local, TimeSpan.FromHours(-5)).UtcDateTime,
            _ => TimeZoneInfo.ConvertTimeToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(zone)),
        };
        long subTickNs = (long)(milliseconds * 1_000_000 % 100);
        return ((utc - DateTime.UnixEpoch).Ticks * 100) + subTickNs;
    }

    private static void AssertNonDecreasing(List<MarketEvent> events)
    {
        for (int i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].TimestampNs >= events[i - 1].TimestampNs, "timestamps decrease at event " + i);
        }
    }

    private static (FixedPoint Low, FixedPoint High) PriceRange(List<MarketEvent> events)
    {
        FixedPoint low = FixedPoint.MaxValue;
        FixedPoint high = FixedPoint.MinValue;
        foreach (MarketEvent e in events)
        {
            (FixedPoint a, FixedPoint b) = e.IsTrade ? (e.Price, e.Price) : (e.BidPrice, e.AskPrice);
            low = a < low ? a : low;
            low = b < low ? b : low;
            high = a > high ? a : high;
            high = b > high ? b : high;
        }

        return (low, high);
    }

    private static long TotalQuantity(List<MarketEvent> events) =>
        (long)events.Sum(e => e.Size.ToDecimal());
}
