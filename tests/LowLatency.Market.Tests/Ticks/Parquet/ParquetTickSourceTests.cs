using LowLatency.Market.Tests.Support;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using LowLatency.Ticks.Listing;
using LowLatency.Ticks.Parquet;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace LowLatency.Market.Tests.Ticks.Parquet;

// Serial: the shared samples are large and the allocation test reads the thread's allocation counter.
[Collection(ZeroAllocationCollection.Name)]
public sealed class ParquetTickSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ll-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("lean/equity/usa/tick/spy/20131007_trade.zip")] // one row group, one symbol, trade conditions as flags
    [InlineData("lean/equity/usa/tick/bac/20131007_quote.zip")] // two row groups of quotes
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz")] // trades and quotes, 8-decimal sizes, ns timestamps
    [InlineData("lean/future/comex/tick/gc/20131007_trade.zip")] // ten symbols (expiries), zero sizes
    public void Read_SharedSampleWrittenToParquet_EveryEventEqualsTheSource(string file)
    {
        string path = SharedData.RequireTickFile(file);
        var sourceSymbols = new SymbolTable();
        List<MarketEvent> original = ReadAll(path, sourceSymbols);
        string parquet = Path.Combine(_directory, "ticks.parquet");
        using (var writer = ParquetTickWriter.Create(parquet, sourceSymbols))
        {
            foreach (MarketEvent e in original)
            {
                writer.Append(in e);
            }
        }

        var readSymbols = new SymbolTable();
        List<MarketEvent> read = ReadAll(parquet, readSymbols);

        Assert.True(original.Count > 10_000);
        Assert.Equal(original.Count, read.Count);
        for (int i = 0; i < original.Count; i++)
        {
            MarketEvent a = original[i], b = read[i];
            Assert.Equal(sourceSymbols.GetName(a.Symbol), readSymbols.GetName(b.Symbol));
            b.Symbol = a.Symbol;
            if (!Same(a, b))
            {
                Assert.Fail($"event {i}: {Describe(a)} != {Describe(b)}");
            }
        }
    }

    [Fact]
    public async Task Write_Footer_CarriesTheTickSchemaAndMetadata()
    {
        var symbols = new SymbolTable();
        string parquet = Path.Combine(_directory, "two.parquet");
        using (var writer = ParquetTickWriter.Create(parquet, symbols))
        {
            writer.Append(MarketEvent.Trade(symbols.GetOrAdd("SPY"), FixedPoint.Parse("167.01"), FixedPoint.FromInt(100), 1_381_132_800_464_000_123));
            writer.Append(MarketEvent.Quote(symbols.GetOrAdd("BAC"), FixedPoint.Parse("13.79"), FixedPoint.FromInt(5), FixedPoint.Parse("13.8"), FixedPoint.FromInt(7), 1_381_132_800_465_000_000));
        }

        await using var stream = File.OpenRead(parquet);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        List<SchemaElement> schema = reader.Metadata!.Schema;
        SchemaElement timestamp = schema.Single(e => e.Name == ParquetTickSchema.Timestamp);
        Assert.Equal(global::Parquet.Meta.Type.INT64, timestamp.Type);
        Assert.True(timestamp.LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.NotNull(timestamp.LogicalType.TIMESTAMP.Unit.NANOS);
        foreach (string name in (string[])["price", "size", "bid_price", "bid_size", "ask_price", "ask_size"])
        {
            SchemaElement price = schema.Single(e => e.Name == name);
            Assert.Equal(global::Parquet.Meta.Type.INT64, price.Type);
            Assert.Equal(FieldRepetitionType.OPTIONAL, price.RepetitionType);
            Assert.Equal((18, 8), (price.LogicalType!.DECIMAL!.Precision, price.LogicalType.DECIMAL.Scale));
            Assert.Equal((ConvertedType.DECIMAL, 18, 8), (price.ConvertedType, price.Precision, price.Scale));
        }

        Assert.NotNull(schema.Single(e => e.Name == "symbol").LogicalType!.STRING);
        Assert.NotNull(schema.Single(e => e.Name == "kind").LogicalType!.STRING);
        Assert.Equal((sbyte)8, schema.Single(e => e.Name == "flags").LogicalType!.INTEGER!.BitWidth);
        Assert.Equal("1", reader.CustomMetadata[ParquetTickSchema.SchemaVersionKey]);
        Assert.StartsWith("LowLatency.Ticks.Parquet ", reader.CustomMetadata[ParquetTickSchema.ProducerKey], StringComparison.Ordinal);
        Assert.Equal("""["SPY","BAC"]""", reader.CustomMetadata[ParquetTickSchema.SymbolsKey]);
        Assert.Equal(["SPY", "BAC"], ParquetTickFileDescriber.Describe(parquet).Symbols);
    }

    [Fact]
    public void Append_PriceBeyondDecimal18_ThrowsNamingColumnValueAndEvent()
    {
        var symbols = new SymbolTable();
        using var writer = ParquetTickWriter.Create(Path.Combine(_directory, "big.parquet"), symbols);
        var e = MarketEvent.Trade(symbols.GetOrAdd("SHIB"), FixedPoint.FromInt(10_000_000_000), FixedPoint.FromInt(1), 5);

        var ex = Assert.Throws<ParquetValueOutOfRangeException>(() => writer.Append(in e));

        Assert.Equal("price 10000000000 of SHIB at 1970-01-01T00:00:00.000000005Z does not fit Parquet's DECIMAL(18,8) (magnitude below 10^10)", ex.Message);
        Assert.Equal(("price", 0L), (ex.Column, writer.RowCount));
    }

    [Fact]
    public void Describe_WrittenFile_ToldByTheFooter()
    {
        var symbols = new SymbolTable();
        string parquet = Path.Combine(_directory, "describe.parquet");
        using (var writer = ParquetTickWriter.Create(parquet, symbols))
        {
            SymbolId spy = symbols.GetOrAdd("SPY");
            for (int i = 0; i < ParquetTickSchema.RowGroupRows + 10; i++)
            {
                writer.Append(MarketEvent.Trade(spy, FixedPoint.FromInt(100 + (i % 7)), FixedPoint.FromInt(1), 1_000 + i));
            }
        }

        ParquetTickFileInfo info = ParquetTickFileDescriber.Describe(parquet);

        Assert.Equal(ParquetTickSchema.RowGroupRows + 10, info.Rows);
        Assert.Equal(2, info.RowGroups);
        Assert.Equal(1_000, info.FirstTimestampNs);
        Assert.Equal(1_000 + ParquetTickSchema.RowGroupRows + 9, info.LastTimestampNs);
        Assert.Equal(["SPY"], info.Symbols);
        Assert.Equal(1, info.SchemaVersion);
    }

    [Fact]
    public void TryRead_WithinARowGroup_AllocatesNothing()
    {
        var symbols = new SymbolTable();
        string parquet = Path.Combine(_directory, "alloc.parquet");
        using (var writer = ParquetTickWriter.Create(parquet, symbols))
        {
            SymbolId a = symbols.GetOrAdd("AAA"), b = symbols.GetOrAdd("BBB");
            for (int i = 0; i < 20_000; i++)
            {
                writer.Append(MarketEvent.Trade(i % 2 == 0 ? a : b, FixedPoint.FromInt(10), FixedPoint.FromInt(1), i));
            }
        }

        using var source = ParquetTickSource.Open(parquet, new SymbolTable(), new TickReadOptions());
        var e = new MarketEvent();
        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(source.TryRead(ref e)); // decodes the row group, interns both symbols
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            source.TryRead(ref e);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Open_NotParquet_OneLineNamingTheFile()
    {
        string path = Path.Combine(_directory, "fake.parquet");
        File.WriteAllText(path, "timestamp,price\n1,2\n");

        var ex = Assert.Throws<TickFormatException>(() => ParquetTickSources.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.StartsWith(path + ": not a readable Parquet file", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Open_TruncatedParquet_OneLineNamingTheFile()
    {
        var symbols = new SymbolTable();
        string path = Path.Combine(_directory, "cut.parquet");
        using (var writer = ParquetTickWriter.Create(path, symbols))
        {
            writer.Append(MarketEvent.Trade(symbols.GetOrAdd("SPY"), FixedPoint.FromInt(1), FixedPoint.FromInt(1), 1));
        }

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<TickFormatException>(() => ParquetTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Open_PriceAsDouble_NamesTheColumnAndTheTypes()
    {
        // The whole table as another writer might make it, except that price is a double.
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var timestamp = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos);
        var symbol = new DataField<string>("symbol");
        var kind = new DataField<string>("kind");
        var price = new DataField<double>("price");
        string path = Path.Combine(_directory, "double.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(timestamp, symbol, kind, price), stream, cancellationToken: cancel))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<DateTime>(timestamp, new[] { DateTime.UnixEpoch }, cancellationToken: cancel);
            await group.WriteAsync(symbol, new[] { "SPY" }, null);
            await group.WriteAsync(kind, new[] { "trade" }, null);
            await group.WriteAsync<double>(price, new[] { 1.5 }, cancellationToken: cancel);
        }

        var ex = Assert.Throws<TickFormatException>(() => ParquetTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.Equal(path + ": column 'price': expected INT64 DECIMAL(18,8) (or any DECIMAL with at most 8 decimals), found DOUBLE", ex.Message);
    }

    [Fact]
    public async Task Read_OtherWritersDecimals_ExactFixedPoint()
    {
        // pyarrow writes DECIMAL as FIXED_LEN_BYTE_ARRAY by default; other writers pick INT32 or a smaller scale.
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var timestamp = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos);
        var symbol = new DataField<string>("symbol");
        var kind = new DataField<string>("kind");
        DecimalDataField[] decimals =
        [
            new("price", 18, 8, forceByteArrayEncoding: true, isNullable: true),
            new("size", 9, 2, isNullable: true),
            new("bid_price", 18, 4, isNullable: true),
            new("bid_size", 18, 8, forceByteArrayEncoding: true, isNullable: true),
            new("ask_price", 18, 8, isNullable: true),
            new("ask_size", 18, 0, isNullable: true),
        ];
        var flags = new DataField<byte>("flags");
        decimal?[][] values =
        [
            [61837.63000001m, null], [0.25m, null], [null, 13.7901m], [null, 0.00000001m], [null, 13.80000000m], [null, 1200m],
        ];
        string path = Path.Combine(_directory, "foreign-decimals.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema([timestamp, symbol, kind, .. decimals, flags]), stream, cancellationToken: cancel))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<DateTime>(timestamp, new[] { DateTime.UnixEpoch, DateTime.UnixEpoch }, cancellationToken: cancel);
            await group.WriteAsync(symbol, new[] { "BTCUSDT", "BAC" }, null);
            await group.WriteAsync(kind, new[] { "trade", "quote" }, null);
            for (int i = 0; i < decimals.Length; i++)
            {
                await group.WriteAsync<decimal>(decimals[i], values[i], cancellationToken: cancel);
            }

            await group.WriteAsync<byte>(flags, new byte[] { 1, 0 }, cancellationToken: cancel);
        }

        var symbols = new SymbolTable();
        List<MarketEvent> events = ReadAll(path, symbols);

        Assert.Equal(2, events.Count);
        MarketEvent trade = events.Single(e => e.IsTrade), quote = events.Single(e => e.IsQuote);
        Assert.Equal(("BTCUSDT", "61837.63000001", "0.25", MarketEventFlags.OffMarketPrint),
            (symbols.GetName(trade.Symbol), trade.Price.ToString(), trade.Size.ToString(), trade.Flags));
        Assert.Equal(("BAC", "13.7901", "0.00000001", "13.8", "1200"),
            (symbols.GetName(quote.Symbol), quote.BidPrice.ToString(), quote.BidSize.ToString(), quote.AskPrice.ToString(), quote.AskSize.ToString()));
    }

    [Fact]
    public async Task TryRead_PriceBeyondFixedPoint_BadRowNamingColumnValueAndRow()
    {
        // DECIMAL(28,8) holds 10^12; FixedPoint stops at about 9.2 * 10^10.
        string path = await WriteForeignTrades("wide.parquet", [100.5m, 1_000_000_000_000m, 101m], [0, 0, 0]);

        var ex = Assert.Throws<TickFormatException>(() => ReadAll(path, new SymbolTable()));

        Assert.Equal(path + ": column 'price': '1000000000000' is beyond the FixedPoint range (magnitude at most 92,233,720,368.54775807) (row 2)", ex.Message);
    }

    [Fact]
    public async Task TryRead_PriceBeyondFixedPointSkipBadRows_OthersReadAndCountedByReason()
    {
        string path = await WriteForeignTrades("wide-skip.parquet", [100.5m, 1_000_000_000_000m, -1_000_000_000_000m, 101m], [0, 0, 0, 1]);

        (List<MarketEvent> events, TickLosses losses) = ReadAllSkipping(path);

        Assert.Equal(["100.5", "101"], events.Select(e => e.Price.ToString()));
        Assert.Equal(MarketEventFlags.OffMarketPrint, events[1].Flags);
        Assert.Equal(2, losses.SkippedRows);
        Assert.Equal(1, losses.ReasonCount);
        Assert.Equal(("price out of range", 2L), losses.GetReason(0));
    }

    [Fact]
    public async Task TryRead_NullFlags_BadRowNotZero()
    {
        string path = await WriteForeignTrades("null-flags.parquet", [100.5m, 100.6m, 100.7m], [0, null, 1]);

        var ex = Assert.Throws<TickFormatException>(() => ReadAll(path, new SymbolTable()));
        (List<MarketEvent> events, TickLosses losses) = ReadAllSkipping(path);

        Assert.Equal(path + ": column 'flags': is null; write 0 for no flags (pandas fillna(0), Polars fill_null(0)) (row 2)", ex.Message);
        Assert.Equal(["100.5", "100.7"], events.Select(e => e.Price.ToString()));
        Assert.Equal(1, losses.SkippedRows);
        Assert.Equal(("null flags", 1L), losses.GetReason(0));
    }

    [Fact]
    public async Task Describe_Count_ReadsEveryRowWhereTheFooterCountsThemAll()
    {
        string bad = await WriteForeignTrades("count-bad.parquet", [100.5m, 100.6m, 100.7m], [0, null, 1]);
        string good = await WriteForeignTrades("count-good.parquet", [100.5m, 100.6m, 100.7m], [0, 0, 1]);

        TickFileInfo footer = ParquetTickSources.Describe(bad);
        TickFileInfo counted = ParquetTickSources.Describe(bad, count: true);
        TickFileInfo clean = ParquetTickSources.Describe(good, count: true);

        Assert.Equal((3L, (string?)null), (footer.EventCount, footer.Problem)); // the footer's row count: the null flags row too
        Assert.Null(counted.EventCount);
        Assert.Equal("column 'flags': is null; write 0 for no flags (pandas fillna(0), Polars fill_null(0)) (row 2)", counted.Problem);
        Assert.Equal((3L, 3L, "read in full", (string?)null), (clean.EventCount, clean.RowCount, clean.Note, clean.Problem));
        Assert.Equal((0L, 2_000_000_000L), (clean.FirstTimestampNs, clean.LastTimestampNs));
        Assert.Equal(["BTCUSDT"], clean.Symbols);
    }

    [Fact]
    public async Task Open_MissingColumn_NamesIt()
    {
        string path = await WriteForeign("missing.parquet", new DataField<long>("timestamp"), new long[] { 1 });

        var ex = Assert.Throws<TickFormatException>(() => ParquetTickSource.Open(path, new SymbolTable(), new TickReadOptions()));

        Assert.StartsWith(path + ": column 'timestamp': expected INT64 TIMESTAMP(NANOS, UTC), found INT64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ParquetByNameOrMagic()
    {
        string named = Path.Combine(_directory, "x.parquet");
        string unnamed = Path.Combine(_directory, "ticks.bin");
        File.WriteAllText(named, "anything");
        File.WriteAllBytes(unnamed, "PAR1\0\0\0\0"u8.ToArray());

        Assert.Equal(TickFormat.Parquet, TickSources.Detect(named));
        Assert.Equal(TickFormat.Parquet, TickSources.Detect(unnamed));
    }

    // Trades as pandas/pyarrow might write them: price a DECIMAL(28,8) in FIXED_LEN_BYTE_ARRAY.
    private Task<string> WriteForeignTrades(string name, decimal[] prices, byte?[] flags) =>
        ForeignParquetTrades.WriteAsync(Path.Combine(_directory, name), "BTCUSDT", 28, forceByteArrayEncoding: true, prices, flags);

    private static (List<MarketEvent> Events, TickLosses Losses) ReadAllSkipping(string path)
    {
        var events = new List<MarketEvent>();
        using ParquetTickSource source = ParquetTickSource.Open(path, new SymbolTable(), new TickReadOptions { SkipBadRows = true });
        var e = new MarketEvent();
        while (source.TryRead(ref e))
        {
            events.Add(e);
        }

        return (events, source.Losses);
    }

    // A Parquet file from another writer with one column.
    private async Task<string> WriteForeign<T>(string name, DataField<T> column, T[] values)
        where T : struct
    {
        string path = Path.Combine(_directory, name);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(column), stream, cancellationToken: TestContext.Current.CancellationToken);
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<T>(column, values, cancellationToken: TestContext.Current.CancellationToken);
        }

        return path;
    }

    private static List<MarketEvent> ReadAll(string path, SymbolTable symbols)
    {
        IReadOnlyList<ITickSource> sources = ParquetTickSources.Open(path, symbols, new TickReadOptions());
        using var merger = new TickMerger(sources);
        return TickReads.ReadAll(merger);
    }

    private static bool Same(in MarketEvent a, in MarketEvent b) =>
        (a.TimestampNs, a.IngestTimestampNs, a.Price, a.Size, a.AskPrice, a.AskSize, a.RollingVwap, a.Symbol, a.Kind, a.FilterReason, a.Signal, a.Flags)
        == (b.TimestampNs, b.IngestTimestampNs, b.Price, b.Size, b.AskPrice, b.AskSize, b.RollingVwap, b.Symbol, b.Kind, b.FilterReason, b.Signal, b.Flags);

    private static string Describe(in MarketEvent e) =>
        $"{e.Kind} {e.TimestampNs} {e.Symbol} {e.Price}/{e.Size} {e.AskPrice}/{e.AskSize} flags {e.Flags}";
}
