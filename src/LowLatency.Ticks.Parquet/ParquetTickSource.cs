using System.Globalization;
using LowLatency.Ticks.Parquet.Internal;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet;

/// <summary>
/// Reads a tick Parquet file (<see cref="ParquetTickSchema"/>) one row group at a time: the row group's columns are
/// decoded into buffers reused for the next one, then events are handed out of them. Memory is bounded by the largest
/// row group, not the file.
/// </summary>
/// <remarks>
/// <para>Opening checks the footer's schema and fails with one line naming the file and the column at fault (missing, or
/// another type); a file that is not Parquet, or is cut short, fails the same way.</para>
/// <para>A row with a null where a value is needed (timestamp, symbol, a trade's price and size, a quote's four
/// prices and sizes, flags) or a price or size beyond <see cref="FixedPoint"/>'s range is a bad row: one line naming
/// the file, the column, the value and the row, or, with <see cref="TickReadOptions.SkipBadRows"/>, skipped and counted
/// by reason in <see cref="Losses"/> (<c>null flags</c>, <c>price out of range</c>, ...).</para>
/// <para>Allocation: <see cref="TryRead"/> allocates nothing per event. Decoding a row group allocates inside
/// Parquet.Net (page buffers, and one string per row for <c>symbol</c> and <c>kind</c>), except that a string column
/// whose row-group statistics show a single value (one symbol per file, the usual case) is not decoded at all.</para>
/// </remarks>
public sealed class ParquetTickSource : ITickSource
{
    private readonly FileStream _file;
    private readonly ParquetReader _reader;
    private readonly SymbolTable _symbols;
    private readonly bool _skipBadRows;
    private readonly TickLosses _losses = new();

    private readonly FixedPointColumn _timestamp;
    private readonly FixedPointColumn _price, _size, _bidPrice, _bidSize, _askPrice, _askSize;
    private readonly DataField<string> _symbolField, _kindField;
    private readonly DataField<byte> _flagsField;

    private string?[] _symbolValues = [];
    private string?[] _kindValues = [];
    private byte[] _flagValues = [];
    private byte?[] _nullableFlagValues = [];
    private string? _constantSymbol, _constantKind;

    private int _group = -1;
    private int _rows, _row;
    private long _groupStart;
    private string? _lastName;
    private SymbolId _lastId;

    private ParquetTickSource(string path, FileStream file, ParquetReader reader, SchemaElement[] columns, SymbolTable symbols, in TickReadOptions options)
    {
        Name = path;
        _file = file;
        _reader = reader;
        _symbols = symbols;
        _skipBadRows = options.SkipBadRows;
        _timestamp = new FixedPointColumn(ParquetTickSchema.Timestamp, ParquetTickFile.IsOptional(columns[0]));
        _symbolField = new DataField<string>(ParquetTickSchema.Symbol, ParquetTickFile.IsOptional(columns[1]));
        _kindField = new DataField<string>(ParquetTickSchema.Kind, ParquetTickFile.IsOptional(columns[2]));
        _price = new FixedPointColumn(columns[3]);
        _size = new FixedPointColumn(columns[4]);
        _bidPrice = new FixedPointColumn(columns[5]);
        _bidSize = new FixedPointColumn(columns[6]);
        _askPrice = new FixedPointColumn(columns[7]);
        _askSize = new FixedPointColumn(columns[8]);
        _flagsField = new DataField<byte>(ParquetTickSchema.Flags, ParquetTickFile.IsOptional(columns[9]));

        // Attaches the fields (their paths and levels) for reading; the file's own schema says how they are stored.
        _ = new ParquetSchema(
            _timestamp.Field, _symbolField, _kindField, _price.Field, _size.Field, _bidPrice.Field, _bidSize.Field,
            _askPrice.Field, _askSize.Field, _flagsField);
    }

    public string Name { get; }

    public long RowsRead { get; private set; }

    public long SkippedRows => _losses.SkippedRows;

    public long IgnoredRows => 0;

    public TickLosses Losses => _losses;

    /// <summary>
    /// Opens <paramref name="path"/> and checks its schema; throws <see cref="TickFormatException"/> (one line: the file
    /// and the problem) when it does not exist, is not a readable Parquet file or is not a tick table.
    /// </summary>
    public static ParquetTickSource Open(string path, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        (FileStream file, ParquetReader reader, SchemaElement[] columns) = ParquetTickFile.Open(path);
        var source = new ParquetTickSource(path, file, reader, columns, symbols, options);
        try
        {
            // The writer's symbols first, in its id order: a fresh table then gives them the ids they had there.
            if (reader.CustomMetadata.TryGetValue(ParquetTickSchema.SymbolsKey, out string? json) && ParquetTickFile.ParseSymbols(json) is { } names)
            {
                foreach (string name in names)
                {
                    if (name.Length > 0)
                    {
                        symbols.GetOrAdd(name);
                    }
                }
            }
        }
        catch
        {
            source.Dispose();
            throw;
        }

        return source;
    }

    public bool TryRead(ref MarketEvent e)
    {
        while (true)
        {
            if (_row == _rows)
            {
                if (!NextRowGroup())
                {
                    return false;
                }

                continue;
            }

            int row = _row++;
            RowsRead++;
            if (Fill(row, ref e))
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
    }

    private bool Fill(int row, ref MarketEvent e)
    {
        e = default;
        if (!_timestamp.TryGet(row, out long timestamp))
        {
            return BadRow(row, ParquetTickSchema.Timestamp, null, "null timestamp", "is null");
        }

        string? symbol = _constantSymbol ?? _symbolValues[row];
        if (string.IsNullOrEmpty(symbol))
        {
            return BadRow(row, ParquetTickSchema.Symbol, null, "no symbol", "is null or empty");
        }

        if (!ReferenceEquals(symbol, _lastName) && !string.Equals(symbol, _lastName, StringComparison.Ordinal))
        {
            _lastId = _symbols.GetOrAdd(symbol);
            _lastName = symbol;
        }

        string? kind = _constantKind ?? _kindValues[row];
        if (kind == ParquetTickSchema.TradeKind)
        {
            if (!_price.TryGet(row, out long price) || !_size.TryGet(row, out long size))
            {
                return BadValue(row, _price.TryGet(row, out _) ? _size : _price, "null price or size", "is null in a trade");
            }

            e.Kind = MarketEventKind.Trade;
            e.Price = FixedPoint.FromRaw(price);
            e.Size = FixedPoint.FromRaw(size);
        }
        else if (kind == ParquetTickSchema.QuoteKind)
        {
            if (!_bidPrice.TryGet(row, out long bid) || !_bidSize.TryGet(row, out long bidSize)
                || !_askPrice.TryGet(row, out long ask) || !_askSize.TryGet(row, out long askSize))
            {
                FixedPointColumn bad = !_bidPrice.TryGet(row, out _) ? _bidPrice : !_bidSize.TryGet(row, out _) ? _bidSize : !_askPrice.TryGet(row, out _) ? _askPrice : _askSize;
                return BadValue(row, bad, "null bid or ask", "is null in a quote (a quote needs bid_price, bid_size, ask_price and ask_size)");
            }

            e.Kind = MarketEventKind.Quote;
            e.BidPrice = FixedPoint.FromRaw(bid);
            e.BidSize = FixedPoint.FromRaw(bidSize);
            e.AskPrice = FixedPoint.FromRaw(ask);
            e.AskSize = FixedPoint.FromRaw(askSize);
        }
        else
        {
            return BadRow(row, ParquetTickSchema.Kind, kind, "unknown kind", "is neither 'trade' nor 'quote'");
        }

        if (_flagsField.IsNullable)
        {
            // Null is not "no flags": it may hide an off-market print (flags & 1), which the engine filters out.
            if (_nullableFlagValues[row] is not { } flags)
            {
                return BadRow(row, ParquetTickSchema.Flags, null, "null flags", "is null; write 0 for no flags (pandas fillna(0), Polars fill_null(0))");
            }

            e.Flags = (MarketEventFlags)flags;
        }
        else
        {
            e.Flags = (MarketEventFlags)_flagValues[row];
        }

        e.TimestampNs = timestamp;
        e.Symbol = _lastId;
        return true;
    }

    // A null price or size, or one FixedPoint cannot hold (another writer's DECIMAL(28,8) of 10^12).
    private bool BadValue(int row, FixedPointColumn column, string nullLabel, string nullReason) => column.IsOutOfRange(row)
        ? BadRow(row, column.Name, column.Text(row), column.OutOfRangeLabel, FixedPointColumn.OutOfRangeReason)
        : BadRow(row, column.Name, null, nullLabel, nullReason);

    private bool BadRow(int row, string column, string? text, string label, string reason)
    {
        if (_skipBadRows)
        {
            _losses.CountSkipped(label);
            return false;
        }

        throw new TickFormatException(Name, 0, -1, column, text, string.Create(CultureInfo.InvariantCulture, $"{reason} (row {_groupStart + row + 1:N0})"));
    }

    private bool NextRowGroup()
    {
        _groupStart += _rows;
        _rows = _row = 0;
        while (++_group < _reader.RowGroupCount)
        {
            try
            {
                ParquetRowGroupReader group = _reader.OpenRowGroupReader(_group);
                int rows = checked((int)group.RowCount);
                if (rows == 0)
                {
                    continue;
                }

                _timestamp.Read(group, rows);
                _constantSymbol = ReadStrings(group, _symbolField, rows, ref _symbolValues);
                _constantKind = ReadStrings(group, _kindField, rows, ref _kindValues);
                _price.Read(group, rows);
                _size.Read(group, rows);
                _bidPrice.Read(group, rows);
                _bidSize.Read(group, rows);
                _askPrice.Read(group, rows);
                _askSize.Read(group, rows);
                ReadFlags(group, rows);
                _rows = rows;
                return true;
            }
            catch (Exception ex) when (ex is not (TickFormatException or OutOfMemoryException))
            {
                throw new TickFormatException(Name, 0, -1, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"row group {_group} cannot be read (damaged Parquet file?): {ParquetTickFile.OneLine(ex.Message)}"));
            }
        }

        return false;
    }

    /// <summary>Decodes a string column, or returns its single value when the row group's statistics show one.</summary>
    private static string? ReadStrings(ParquetRowGroupReader group, DataField<string> field, int rows, ref string?[] values)
    {
        if (ParquetTickFile.SingleValue(group.GetStatistics(field), field.IsNullable) is { } single)
        {
            return single;
        }

        if (values.Length < rows)
        {
            values = new string?[rows];
        }

        group.ReadAsync(field, values.AsMemory(0, rows)!).GetAwaiter().GetResult();
        return null;
    }

    private void ReadFlags(ParquetRowGroupReader group, int rows)
    {
        if (_flagsField.IsNullable)
        {
            if (_nullableFlagValues.Length < rows)
            {
                _nullableFlagValues = new byte?[rows];
            }

            group.ReadAsync<byte>(_flagsField, _nullableFlagValues.AsMemory(0, rows)).GetAwaiter().GetResult();
        }
        else
        {
            if (_flagValues.Length < rows)
            {
                _flagValues = new byte[rows];
            }

            group.ReadAsync<byte>(_flagsField, _flagValues.AsMemory(0, rows)).GetAwaiter().GetResult();
        }
    }
}
