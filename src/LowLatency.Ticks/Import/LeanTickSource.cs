using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using LowLatency.Ticks.Import.Internal;

namespace LowLatency.Ticks.Import;

/// <summary>
/// Reads one CSV entry of a QuantConnect LEAN tick zip: equity trades and quotes (usa), forex quotes (fxcm, oanda),
/// CFD quotes (oanda) and future trades (comex). Open a zip with <see cref="Open"/>, which returns one source per entry.
/// </summary>
/// <remarks>
/// <para>The rows carry milliseconds since midnight (possibly fractional) in the market's data time zone; the date and
/// the zone come from the path, so timestamps convert exactly to UTC nanoseconds (America/New_York for equities, with
/// daylight saving; a fixed UTC-05:00 for FXCM; UTC for OANDA and COMEX).</para>
/// <para>Equity quote rows are one-sided: each updates the bid or the ask, and once both sides have been seen every row
/// emits the current best bid and offer. Rows before that are counted in <see cref="IgnoredRows"/>. Forex and CFD quotes
/// have no sizes, so both sizes are zero (unknown).</para>
/// <para>Rows flagged suspicious by the data vendor are emitted unchanged and counted in <see cref="SuspiciousRows"/>:
/// the filter stage decides what is an outlier. A trade whose sale condition says its price is not the market's
/// (average price, derivatively priced, prior reference price, sold late or out of sequence, cash, next-day or
/// seller's settlement, stock-option, price variation) gets <see cref="MarketEventFlags.OffMarketPrint"/>, which the
/// filter rejects; such trades are counted in <see cref="OffMarketRows"/>.</para>
/// <para>The CSV is decompressed into one pooled buffer and parsed as UTF-8 bytes in place: no per-row allocation.</para>
/// </remarks>
public sealed class LeanTickSource : ITickSource
{
    private const string TimeColumn = "time";
    private const string PriceColumn = "price";
    private const string QuantityColumn = "quantity";
    private const string BidPriceColumn = "bid price";
    private const string BidSizeColumn = "bid size";
    private const string AskPriceColumn = "ask price";
    private const string AskSizeColumn = "ask size";
    private const string SuspiciousColumn = "suspicious";
    private const string SaleConditionColumn = "sale condition";

    private const string MissingReason = "is missing: the row has too few columns";
    private const string TimeReason = "is not milliseconds since midnight (digits with an optional fraction)";
    private const string TimeRangeReason = "is outside the day (0 to 86,400,000 ms since midnight)";
    private const string EquityPriceReason = "is not a price ×10000 (a non-negative whole number)";
    private const string DecimalPriceReason = "is not a non-negative decimal price (at most 8 decimals)";
    private const string QuantityReason = "is not a non-negative quantity (at most 8 decimals)";
    private const string FlagReason = "is not a suspicious flag (0 or 1)";
    private const string SaleConditionReason = "is not trade-condition flags (hexadecimal digits)";

    // AlgoSeek trade-condition bits (LEAN's TradeConditionFlags) of prints whose price is not the market's at the time.
    private const ulong OffMarketConditions =
        (1UL << 1) |  // cash settlement
        (1UL << 2) |  // next day
        (1UL << 3) |  // seller's option
        (1UL << 9) |  // derivatively priced
        (1UL << 11) | // sold last (reported late)
        (1UL << 14) | // out of sequence
        (1UL << 18) | // stock-option trade
        (1UL << 20) | // average price
        (1UL << 22) | // price variation
        (1UL << 25);  // prior reference price
    private const string TradeColumnsReason =
        "has more than 6 columns (time, price, quantity, exchange, sale condition, suspicious)";
    private const string EquityQuoteColumnsReason =
        "has more than 8 columns (time, bid price, bid size, ask price, ask size, exchange, quote condition, suspicious)";
    private const string BidAskColumnsReason = "has more than 3 columns (time, bid price, ask price)";

    private readonly ZipArchive _archive;
    private readonly LeanLineReader _lines;
    private readonly LeanRowLayout _layout;
    private readonly LeanDayClock _clock;
    private readonly bool _skipBadRows;
    private readonly TickLosses _losses = new();

    private long _rowsRead;
    private long _ignoredRows;
    private long _suspiciousRows;
    private long _offMarketRows;
    private bool _offMarket; // the row being parsed is an off-market trade

    // Equity quotes: the last bid and ask seen, from which each row's best bid and offer is built.
    private FixedPoint _bidPrice;
    private FixedPoint _bidSize;
    private FixedPoint _askPrice;
    private FixedPoint _askSize;
    private bool _hasBid;
    private bool _hasAsk;

    // The last malformed row's problem, kept as constants and offsets so skipping a row allocates nothing.
    private string? _errorColumn;
    private string _errorReason = "";
    private string _errorLabel = "";
    private int _errorStart;
    private int _errorLength;

    private LeanTickSource(ZipArchive archive, Stream entryStream, string name, LeanRowLayout layout, in LeanDayClock clock,
        SymbolId symbol, DateOnly date, bool skipBadRows)
    {
        _archive = archive;
        _lines = new LeanLineReader(entryStream, name);
        _layout = layout;
        _clock = clock;
        _skipBadRows = skipBadRows;
        Name = name;
        Symbol = symbol;
        Date = date;
    }

    /// <summary><c>&lt;zip path&gt;!&lt;entry name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The symbol every event carries: the upper-case ticker (futures: ticker + expiry), or the override.</summary>
    public SymbolId Symbol { get; }

    /// <summary>The trading date from the file name, in the data time zone.</summary>
    public DateOnly Date { get; }

    public long RowsRead => _rowsRead;

    public long SkippedRows => _losses.SkippedRows;

    /// <summary>Skipped rows by reason (<c>bad price</c>, <c>extra fields</c>, ...), and an entry dropped because its
    /// CRC-32 did not match (only when skipping bad rows; otherwise that is an error at open).</summary>
    public TickLosses Losses => _losses;

    /// <summary>Equity quote rows read before both sides of the book were known (and rows with neither side).</summary>
    public long IgnoredRows => _ignoredRows;

    /// <summary>Well-formed rows the vendor flagged suspicious; they are emitted like any other row.</summary>
    public long SuspiciousRows => _suspiciousRows;

    /// <summary>Trades emitted with <see cref="MarketEventFlags.OffMarketPrint"/> (see the remarks).</summary>
    public long OffMarketRows => _offMarketRows;

    /// <summary>
    /// Checks that <paramref name="zipPath"/> fits the LEAN layout
    /// (<c>&lt;securityType&gt;/&lt;market&gt;/tick/&lt;ticker&gt;/&lt;YYYYMMDD&gt;_&lt;trade|quote&gt;.zip</c>, a supported
    /// market and kind), the first thing <see cref="Open"/> checks, without opening the file.
    /// </summary>
    /// <exception cref="TickFormatException">The path does not fit, naming what was expected.</exception>
    public static void CheckPath(string zipPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(zipPath);
        _ = LeanPath.Parse(zipPath);
    }

    /// <summary>
    /// Opens a LEAN tick zip laid out as <c>&lt;securityType&gt;/&lt;market&gt;/tick/&lt;ticker&gt;/&lt;YYYYMMDD&gt;_&lt;trade|quote&gt;.zip</c>
    /// and returns one source per CSV entry, in archive order. A futures zip holds one CSV per contract expiry, each its
    /// own symbol (<c>GC201312</c>); the caller merges the sources by timestamp. Dispose every source.
    /// </summary>
    /// <param name="zipPath">The zip file; its last five path segments name the content.</param>
    /// <param name="symbols">Receives the symbols (upper case ticker; futures: ticker + expiry).</param>
    /// <param name="options"><see cref="TickReadOptions.Symbol"/> overrides the symbol of every entry;
    /// <see cref="TickReadOptions.SkipBadRows"/> counts malformed rows instead of throwing.</param>
    /// <remarks>Every entry's CRC-32 is verified before it is streamed (see <see cref="LeanEntryCheck"/>). A damaged
    /// entry is an error naming archive and entry; when skipping bad rows it is dropped instead: its source reads
    /// nothing and reports the entry in <see cref="Losses"/>.</remarks>
    /// <exception cref="TickFormatException">The path does not fit the LEAN layout, the file is not a readable zip, or
    /// an entry is damaged (CRC-32 mismatch or undecompressible) and bad rows are not being skipped.</exception>
    public static IReadOnlyList<ITickSource> Open(string zipPath, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(zipPath);
        ArgumentNullException.ThrowIfNull(symbols);
        LeanPath path = LeanPath.Parse(zipPath);
        LeanDayClock clock = LeanDayClock.Create(path.Date, path.DataTimeZone); // once per file: the date is fixed

        var sources = new List<ITickSource>();
        ZipArchive? archive = OpenArchive(zipPath);
        try
        {
            int entryCount = archive.Entries.Count;
            for (int index = 0; index < entryCount; index++)
            {
                // Each source owns its archive, so sources can be read interleaved (merged) or disposed independently.
                archive ??= OpenArchive(zipPath);
                ZipArchiveEntry entry = archive.Entries[index];
                if (entry.FullName.EndsWith('/'))
                {
                    continue; // a directory
                }

                string name = zipPath + "!" + entry.FullName;
                string symbol = options.Symbol ?? path.SymbolOf(entry.Name, name);
                SymbolId symbolId = symbols.GetOrAdd(symbol);
                string? damage = LeanEntryCheck.FindDamage(entry);
                if (damage is not null && !options.SkipBadRows)
                {
                    LeanThrowHelper.ThrowFile(name, null, damage);
                }

                Stream stream = damage is null ? OpenEntry(entry, name) : Stream.Null;
                var source = new LeanTickSource(archive, stream, name, path.Layout, clock, symbolId, path.Date, options.SkipBadRows);
                sources.Add(source);
                archive = null;
                if (damage is not null)
                {
                    source._losses.AddDamage(name + ": entry dropped, " + damage);
                }
            }

            if (sources.Count == 0)
            {
                LeanThrowHelper.ThrowFile(zipPath, null, "holds no CSV entry");
            }
        }
        catch
        {
            archive?.Dispose();
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }

            throw;
        }

        archive?.Dispose(); // a zip whose last entries are directories
        return sources;
    }

    public bool TryRead(ref MarketEvent e)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty)
            {
                continue; // a blank line is not a row
            }

            _rowsRead++;
            LeanRowResult result = _layout switch
            {
                LeanRowLayout.EquityTrade => ParseTrade(line, ref e, scaledPrice: true),
                LeanRowLayout.FutureTrade => ParseTrade(line, ref e, scaledPrice: false),
                LeanRowLayout.EquityQuote => ParseEquityQuote(line, ref e),
                _ => ParseBidAsk(line, ref e),
            };

            if (result == LeanRowResult.Tick)
            {
                return true;
            }

            if (result == LeanRowResult.Ignored)
            {
                _ignoredRows++;
            }
            else if (_skipBadRows)
            {
                _losses.CountSkipped(_errorLabel);
            }
            else
            {
                ThrowMalformedRow(line);
            }
        }

        return false;
    }

    public void Dispose()
    {
        _lines.Dispose();
        _archive.Dispose();
    }

    private static ZipArchive OpenArchive(string zipPath)
    {
        FileStream? file = null;
        try
        {
            file = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            file?.Dispose();
            string reason = ex is InvalidDataException ? "is not a readable zip archive: " : "cannot be opened: ";
            LeanThrowHelper.ThrowFile(zipPath, null, reason + ex.Message);
            throw; // unreachable: the helper never returns
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry, string name)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException)
        {
            LeanThrowHelper.ThrowFile(name, null, "cannot be decompressed: " + ex.Message);
            throw; // unreachable: the helper never returns
        }
    }

    // ms, price, quantity[, exchange, sale condition, suspicious]: equity prices are ×10000, futures prices plain.
    private LeanRowResult ParseTrade(ReadOnlySpan<byte> line, ref MarketEvent e, bool scaledPrice)
    {
        var row = new LeanCsvRow(line);
        if (!TryTime(ref row, out long timestampNs) ||
            !TryPrice(ref row, PriceColumn, scaledPrice, out FixedPoint price) ||
            !TryQuantity(ref row, QuantityColumn, out FixedPoint quantity) ||
            !TryTail(ref row, TradeColumnsReason, saleCondition: true))
        {
            return LeanRowResult.Malformed;
        }

        e = MarketEvent.Trade(Symbol, price, quantity, timestampNs);
        if (_offMarket)
        {
            e.Flags = MarketEventFlags.OffMarketPrint;
            _offMarketRows++;
        }

        return LeanRowResult.Tick;
    }

    // ms, bid×10000, bid size, ask×10000, ask size[, exchange, quote condition, suspicious]; a zero price is an absent side.
    private LeanRowResult ParseEquityQuote(ReadOnlySpan<byte> line, ref MarketEvent e)
    {
        var row = new LeanCsvRow(line);
        if (!TryTime(ref row, out long timestampNs) ||
            !TryPrice(ref row, BidPriceColumn, scaled: true, out FixedPoint bidPrice) ||
            !TryQuantity(ref row, BidSizeColumn, out FixedPoint bidSize) ||
            !TryPrice(ref row, AskPriceColumn, scaled: true, out FixedPoint askPrice) ||
            !TryQuantity(ref row, AskSizeColumn, out FixedPoint askSize) ||
            !TryTail(ref row, EquityQuoteColumnsReason, saleCondition: false))
        {
            return LeanRowResult.Malformed;
        }

        bool bidSide = bidPrice.Raw != 0;
        bool askSide = askPrice.Raw != 0;
        if (bidSide)
        {
            _bidPrice = bidPrice;
            _bidSize = bidSize;
            _hasBid = true;
        }

        if (askSide)
        {
            _askPrice = askPrice;
            _askSize = askSize;
            _hasAsk = true;
        }

        if (!(bidSide || askSide) || !(_hasBid && _hasAsk))
        {
            return LeanRowResult.Ignored;
        }

        e = MarketEvent.Quote(Symbol, _bidPrice, _bidSize, _askPrice, _askSize, timestampNs);
        return LeanRowResult.Tick;
    }

    // ms, bid, ask: plain decimals, no sizes (zero = unknown).
    private LeanRowResult ParseBidAsk(ReadOnlySpan<byte> line, ref MarketEvent e)
    {
        var row = new LeanCsvRow(line);
        if (!TryTime(ref row, out long timestampNs) ||
            !TryPrice(ref row, BidPriceColumn, scaled: false, out FixedPoint bid) ||
            !TryPrice(ref row, AskPriceColumn, scaled: false, out FixedPoint ask))
        {
            return LeanRowResult.Malformed;
        }

        if (!TryEnd(ref row, BidAskColumnsReason))
        {
            return LeanRowResult.Malformed;
        }

        e = MarketEvent.Quote(Symbol, bid, FixedPoint.Zero, ask, FixedPoint.Zero, timestampNs);
        return LeanRowResult.Tick;
    }

    private bool TryTime(ref LeanCsvRow row, out long timestampNs)
    {
        timestampNs = 0;
        if (!TryField(ref row, TimeColumn, out ReadOnlySpan<byte> field))
        {
            return false;
        }

        if (!LeanFields.TryParseMillisecondsAsNs(field, out long sinceMidnightNs))
        {
            return Fail(TimeColumn, TimeReason, row.FieldStart, field.Length);
        }

        if (sinceMidnightNs >= LeanDayClock.NanosecondsPerDay)
        {
            return Fail(TimeColumn, TimeRangeReason, row.FieldStart, field.Length);
        }

        timestampNs = _clock.ToUtcNs(sinceMidnightNs);
        return true;
    }

    private bool TryPrice(ref LeanCsvRow row, string column, bool scaled, out FixedPoint price)
    {
        price = default;
        if (!TryField(ref row, column, out ReadOnlySpan<byte> field))
        {
            return false;
        }

        bool parsed = scaled ? LeanFields.TryParseEquityPrice(field, out price) : LeanFields.TryParseNonNegative(field, out price);
        return parsed || Fail(column, scaled ? EquityPriceReason : DecimalPriceReason, row.FieldStart, field.Length);
    }

    private bool TryQuantity(ref LeanCsvRow row, string column, out FixedPoint quantity)
    {
        quantity = default;
        if (!TryField(ref row, column, out ReadOnlySpan<byte> field))
        {
            return false;
        }

        return LeanFields.TryParseNonNegative(field, out quantity) ||
            Fail(column, QuantityReason, row.FieldStart, field.Length);
    }

    // The optional exchange, condition and suspicious columns, then no more. A trade's sale condition sets _offMarket;
    // the exchange and quote conditions are not kept.
    private bool TryTail(ref LeanCsvRow row, string tooManyColumnsReason, bool saleCondition)
    {
        _offMarket = false;
        row.TryNext(out _); // exchange
        if (row.TryNext(out ReadOnlySpan<byte> condition) && saleCondition)
        {
            if (!LeanFields.TryParseHexFlags(condition, out ulong flags))
            {
                return Fail(SaleConditionColumn, SaleConditionReason, row.FieldStart, condition.Length);
            }

            _offMarket = (flags & OffMarketConditions) != 0;
        }

        if (row.TryNext(out ReadOnlySpan<byte> suspicious))
        {
            if (!LeanFields.TryParseFlag(suspicious, out bool flagged))
            {
                return Fail(SuspiciousColumn, FlagReason, row.FieldStart, suspicious.Length);
            }

            if (flagged)
            {
                _suspiciousRows++;
            }
        }

        return TryEnd(ref row, tooManyColumnsReason);
    }

    private bool TryEnd(ref LeanCsvRow row, string tooManyColumnsReason) =>
        !row.HasMore || Fail(null, tooManyColumnsReason, 0, row.Line.Length);

    private bool TryField(ref LeanCsvRow row, string column, out ReadOnlySpan<byte> field) =>
        row.TryNext(out field) || Fail(column, MissingReason, 0, row.Line.Length);

    // Records the problem for ThrowMalformedRow; returns false so parsers can 'return Fail(...)'.
    private bool Fail(string? column, string reason, int start, int length)
    {
        _errorColumn = column;
        _errorReason = reason;
        _errorLabel = Label(column, reason);
        _errorStart = start;
        _errorLength = length;
        return false;
    }

    // Constant labels, so counting a skipped row allocates nothing.
    private static string Label(string? column, string reason) => column switch
    {
        null => "extra fields",
        _ when ReferenceEquals(reason, MissingReason) => "missing fields",
        TimeColumn => "bad time",
        PriceColumn => "bad price",
        QuantityColumn => "bad quantity",
        BidPriceColumn => "bad bid price",
        BidSizeColumn => "bad bid size",
        AskPriceColumn => "bad ask price",
        AskSizeColumn => "bad ask size",
        SuspiciousColumn => "bad suspicious flag",
        SaleConditionColumn => "bad sale condition",
        _ => "bad row",
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowMalformedRow(ReadOnlySpan<byte> line)
    {
        string offending = Encoding.UTF8.GetString(line.Slice(_errorStart, _errorLength));
        LeanThrowHelper.ThrowRow(Name, _lines.LineNumber, _errorColumn, offending, _errorReason);
    }
}
