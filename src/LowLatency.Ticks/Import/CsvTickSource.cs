using System.Globalization;
using System.Runtime.CompilerServices;
using LowLatency.Ticks.Import.Internal;
using Microsoft.Win32.SafeHandles;
using nietras.SeparatedValues;

namespace LowLatency.Ticks.Import;

/// <summary>
/// Reads a CSV with a header row (TrueFX, Tardis and similar): columns are found by name, the separator (<c>,</c>
/// <c>;</c> tab <c>|</c>) is detected from the header, and each row becomes a trade when it has a price, else a quote
/// when it has a bid and an ask.
/// </summary>
/// <remarks>
/// <para>Column names, matched case-insensitively, first match wins (a <see cref="TickReadOptions"/> column override
/// replaces the list and must exist): timestamp <c>timestamp|time|ts|datetime</c>; symbol
/// <c>symbol|instrument|ticker</c>; price <c>price|last|last_price</c>; size <c>size|amount|quantity|qty|volume</c>;
/// bid <c>bid|bid_price|bidprice</c>; ask <c>ask|ask_price|askprice</c>; bid size <c>bid_size|bidsize|bid_qty|bid_amount</c>;
/// ask size <c>ask_size|asksize|ask_qty|ask_amount</c>. Sizes are optional (an empty or missing size is zero).</para>
/// <para>Timestamps: ISO-8601 (<c>2013-01-01 22:00:00.295000+00:00</c>, <c>...Z</c>, <c>T</c> separator, up to 9
/// fractional digits, no offset = UTC) or epoch seconds / ms / µs / ns, exact to the nanosecond (integer arithmetic,
/// never double). With <see cref="TimestampUnit.Auto"/> the unit is guessed once, from the first data row, and then
/// fixed for the file: ISO when the value has '-', 'T', ':' or a space, else the epoch unit by magnitude (below 1e11
/// seconds, 1e14 ms, 1e17 µs, else ns; unambiguous for any date from 1973 to 5138).</para>
/// <para>Symbol: the symbol column when there is one, else <see cref="TickReadOptions.Symbol"/>, else derived from the
/// file name: its leading ASCII letters and digits, upper-cased (<c>usdjpy-ticks.csv</c> → <c>USDJPY</c>).</para>
/// <para>Parsing uses Sep over a reused buffer and <see cref="FixedPoint"/>/<see cref="SymbolTable"/> span overloads,
/// so a row allocates nothing once a symbol has been seen.</para>
/// </remarks>
public sealed class CsvTickSource : ITickSource
{
    private const string NotDecimalReason = "is not a decimal number";
    private const string ExtraFieldsLabel = "extra fields";
    private const string MissingFieldsLabel = "missing fields";
    private const string NoPriceLabel = "no price, bid or ask";

    private static readonly string[] s_timestampNames = ["timestamp", "time", "ts", "datetime"];
    private static readonly string[] s_symbolNames = ["symbol", "instrument", "ticker"];
    private static readonly string[] s_priceNames = ["price", "last", "last_price"];
    private static readonly string[] s_sizeNames = ["size", "amount", "quantity", "qty", "volume"];
    private static readonly string[] s_bidNames = ["bid", "bid_price", "bidprice"];
    private static readonly string[] s_askNames = ["ask", "ask_price", "askprice"];
    private static readonly string[] s_bidSizeNames = ["bid_size", "bidsize", "bid_qty", "bid_amount"];
    private static readonly string[] s_askSizeNames = ["ask_size", "asksize", "ask_qty", "ask_amount"];

    private readonly SepReader _reader;
    private readonly SymbolTable _symbols;
    private readonly bool _skipBadRows;
    private readonly string[] _columnNames;
    private readonly string[] _badColumnLabels; // "bad <column>", built once so counting a skip allocates nothing
    private readonly TickLosses _losses = new();
    private readonly bool _endsWithoutLineBreak;

    // Column indexes, -1 when absent.
    private readonly int _timestampColumn;
    private readonly int _symbolColumn;
    private readonly int _priceColumn;
    private readonly int _sizeColumn;
    private readonly int _bidColumn;
    private readonly int _askColumn;
    private readonly int _bidSizeColumn;
    private readonly int _askSizeColumn;
    private readonly SymbolId _fileSymbol;

    private TimestampUnit _timestampUnit;

    // The bad row being reported (column -1: the whole row).
    private int _errorColumn;
    private string _errorReason = "";
    private string _errorLabel = "";
    private int _lastLine;
    private bool _endReached;

    private CsvTickSource(string path, SymbolTable symbols, in TickReadOptions options, SepReader reader)
    {
        Name = path;
        _symbols = symbols;
        _reader = reader;
        _skipBadRows = options.SkipBadRows;
        _timestampUnit = options.TimestampUnit;
        // The header is read as a plain row (HasHeader = false): Sep rejects duplicate names, but a duplicate of a
        // column this reader does not use is harmless, and the first match wins here.
        if (!reader.MoveNext())
        {
            ImportThrowHelper.ThrowFile(path, "is empty (expected a CSV header row)");
        }

        _columnNames = reader.Current[..].ToStringsArray();
        _badColumnLabels = Array.ConvertAll(_columnNames, static name => "bad " + name);
        _endsWithoutLineBreak = EndsWithoutLineBreak(path);
        _timestampColumn = FindColumn(options.TimestampColumn, s_timestampNames);
        _symbolColumn = FindColumn(options.SymbolColumn, s_symbolNames);
        _priceColumn = FindColumn(options.PriceColumn, s_priceNames);
        _sizeColumn = FindColumn(options.SizeColumn, s_sizeNames);
        _bidColumn = FindColumn(options.BidColumn, s_bidNames);
        _askColumn = FindColumn(options.AskColumn, s_askNames);
        _bidSizeColumn = FindColumn(options.BidSizeColumn, s_bidSizeNames);
        _askSizeColumn = FindColumn(options.AskSizeColumn, s_askSizeNames);
        if (_timestampColumn < 0)
        {
            ThrowMissingColumns("no timestamp column", "timestamp, time, ts, datetime; set the timestamp column option");
        }

        if (_priceColumn < 0 && (_bidColumn < 0 || _askColumn < 0))
        {
            ThrowMissingColumns(
                "no price column and no bid and ask columns",
                "price, last, last_price, bid, bid_price, bidprice, ask, ask_price, askprice; set the column options");
        }

        if (_symbolColumn < 0)
        {
            string symbol = options.Symbol ?? FileNameSymbol.Derive(path);
            if (symbol.Length == 0)
            {
                ImportThrowHelper.ThrowFile(path, "has no symbol column and no symbol can be derived from the file name; set the symbol option");
            }

            _fileSymbol = symbols.GetOrAdd(symbol);
        }
    }

    public string Name { get; }

    public long RowsRead { get; private set; }

    public long SkippedRows => _losses.SkippedRows;

    /// <summary>Skipped rows by reason (<c>extra fields</c>, <c>missing fields</c>, <c>bad &lt;column&gt;</c>, ...), and
    /// a file that ends without a line break, whose last row may have been cut short.</summary>
    public TickLosses Losses => _losses;

    /// <summary>Always 0: every well-formed row is a tick.</summary>
    public long IgnoredRows => 0;

    /// <summary>Opens <paramref name="path"/> and maps its header; throws <see cref="TickFormatException"/> when the file
    /// does not exist or lacks a timestamp column or a price (or bid and ask) column.</summary>
    public static CsvTickSource Open(string path, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        if (!File.Exists(path))
        {
            ImportThrowHelper.Throw(ImportThrowHelper.FileNotFound(path));
        }

        SepReader reader = Sep.Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true, // a short row is reported by this reader, with its line, not thrown by Sep
        }).FromFile(path);
        try
        {
            return new CsvTickSource(path, symbols, options, reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public bool TryRead(ref MarketEvent e)
    {
        while (_reader.MoveNext())
        {
            SepReader.Row row = _reader.Current;
            if (row.Span.IsEmpty)
            {
                continue; // a blank line is not a row
            }

            RowsRead++;
            _lastLine = row.LineNumberFrom;
            if (ParseRow(row, ref e) == RowResult.Tick)
            {
                return true;
            }

            if (!_skipBadRows)
            {
                ImportThrowHelper.Throw(DescribeError(row));
            }

            _losses.CountSkipped(_errorLabel);
        }

        ReportUnterminatedEnd();
        return false;
    }

    public void Dispose() => _reader.Dispose();

    private RowResult ParseRow(SepReader.Row row, ref MarketEvent e)
    {
        // Every row has the header's fields: a row with more or fewer is shifted or cut, and its values cannot be trusted.
        if (row.ColCount != _columnNames.Length)
        {
            return Fail(-1, "", row.ColCount > _columnNames.Length ? ExtraFieldsLabel : MissingFieldsLabel);
        }

        ReadOnlySpan<char> timestamp = row[_timestampColumn].Span;
        if (_timestampUnit == TimestampUnit.Auto)
        {
            _timestampUnit = TickTimestamp.Guess(timestamp); // once per file: a file does not mix units
            if (_timestampUnit == TimestampUnit.Auto)
            {
                return Fail(_timestampColumn, "is neither an ISO-8601 time nor an epoch number");
            }
        }

        if (!TickTimestamp.TryParse(timestamp, _timestampUnit, out long timestampNs))
        {
            return Fail(_timestampColumn, _timestampUnit == TimestampUnit.Iso8601
                ? "is not an ISO-8601 time (yyyy-MM-dd HH:mm:ss[.fffffffff][Z|+hh:mm])"
                : "is not an epoch number in the file's unit");
        }

        SymbolId symbol = _fileSymbol;
        if (_symbolColumn >= 0)
        {
            ReadOnlySpan<char> name = row[_symbolColumn].Span;
            if (name.IsEmpty)
            {
                return Fail(_symbolColumn, "is empty");
            }

            if (!_symbols.TryGetId(name, out symbol))
            {
                symbol = _symbols.GetOrAdd(name); // first sight of this symbol only
            }
        }

        if (_priceColumn >= 0 && !row[_priceColumn].Span.IsEmpty)
        {
            if (!TryParseDecimal(row, _priceColumn, out FixedPoint price) || !TryParseDecimal(row, _sizeColumn, out FixedPoint size))
            {
                return RowResult.Error;
            }

            e = MarketEvent.Trade(symbol, price, size, timestampNs);
            return RowResult.Tick;
        }

        if (_bidColumn < 0 || _askColumn < 0 || row[_bidColumn].Span.IsEmpty || row[_askColumn].Span.IsEmpty)
        {
            return Fail(-1, "has neither a price nor a bid and an ask", NoPriceLabel);
        }

        if (!TryParseDecimal(row, _bidColumn, out FixedPoint bid)
            || !TryParseDecimal(row, _bidSizeColumn, out FixedPoint bidSize)
            || !TryParseDecimal(row, _askColumn, out FixedPoint ask)
            || !TryParseDecimal(row, _askSizeColumn, out FixedPoint askSize))
        {
            return RowResult.Error;
        }

        e = MarketEvent.Quote(symbol, bid, bidSize, ask, askSize, timestampNs);
        return RowResult.Tick;
    }

    /// <summary>An absent column or an empty field reads as zero (sizes are optional).</summary>
    private bool TryParseDecimal(SepReader.Row row, int column, out FixedPoint value)
    {
        value = default;
        if (column < 0)
        {
            return true;
        }

        ReadOnlySpan<char> text = row[column].Span;
        if (text.IsEmpty || FixedPoint.TryParse(text, out value))
        {
            return true;
        }

        Fail(column, NotDecimalReason);
        return false;
    }

    private int FindColumn(string? overrideName, string[] usualNames)
    {
        if (overrideName is not null)
        {
            int index = IndexOfColumn(overrideName);
            if (index < 0)
            {
                ImportThrowHelper.ThrowRow(Name, 1, overrideName, null, "is not in the header '" + string.Join(",", _columnNames) + "'");
            }

            return index;
        }

        foreach (string name in usualNames)
        {
            int index = IndexOfColumn(name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private int IndexOfColumn(string name)
    {
        for (int i = 0; i < _columnNames.Length; i++)
        {
            if (_columnNames[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private void ThrowMissingColumns(string what, string lookedFor) =>
        ImportThrowHelper.ThrowRow(Name, 1, null, null, what + " in the header '" + string.Join(",", _columnNames) + "' (looked for " + lookedFor + ")");

    private RowResult Fail(int column, string reason, string? label = null)
    {
        _errorColumn = column;
        _errorReason = reason;
        _errorLabel = label ?? _badColumnLabels[column];
        return RowResult.Error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TickFormatException DescribeError(SepReader.Row row)
    {
        if (_errorColumn >= 0)
        {
            return ImportThrowHelper.RowError(Name, row.LineNumberFrom, _columnNames[_errorColumn], row[_errorColumn].Span.ToString(), _errorReason);
        }

        string reason = ReferenceEquals(_errorLabel, ExtraFieldsLabel) || ReferenceEquals(_errorLabel, MissingFieldsLabel)
            ? string.Create(CultureInfo.InvariantCulture,
                $"has {row.ColCount} fields, {(row.ColCount > _columnNames.Length ? "more" : "fewer")} than the header's {_columnNames.Length}")
            : _errorReason;
        return ImportThrowHelper.RowError(Name, row.LineNumberFrom, null, row.Span.ToString(), reason);
    }

    // A last row without a line break may have been cut inside its last field, where no parse can tell: it is kept
    // (it parsed), but the input is not reported complete. Reported once, when the end is first reached.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportUnterminatedEnd()
    {
        if (_endReached)
        {
            return;
        }

        _endReached = true;
        if (_endsWithoutLineBreak && RowsRead > 0)
        {
            _losses.AddDamage(string.Create(CultureInfo.InvariantCulture,
                $"{Name}:{_lastLine}: the file ends inside this row (no line break after it): the file may be cut short"));
        }
    }

    private static bool EndsWithoutLineBreak(string path)
    {
        // A pipe or a device reports length 0: opening it a second time would take data from (or block) the reader.
        if (new FileInfo(path).Length == 0)
        {
            return false;
        }

        using SafeFileHandle file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        Span<byte> last = stackalloc byte[1];
        return length > 0 && RandomAccess.Read(file, last, length - 1) == 1 && last[0] != (byte)'\n';
    }
}
