using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LowLatency.Ticks.Parquet.Internal;
using Parquet;
using Parquet.Schema;

namespace LowLatency.Ticks.Parquet;

/// <summary>
/// Writes ticks to a new Parquet file in the <see cref="ParquetTickSchema"/> table, one row group per
/// <see cref="ParquetTickSchema.RowGroupRows"/> events (Snappy-compressed, with min/max statistics). Events collect in
/// column buffers; a full buffer becomes a row group, and <see cref="Dispose"/> writes the last one and the footer. Not
/// thread-safe; one producer owns it.
/// </summary>
/// <remarks>
/// Prices and sizes must fit DECIMAL(18,8): a magnitude below 10^10. A value outside that throws
/// <see cref="ParquetValueOutOfRangeException"/> naming the column, the value and the event, rather than writing a
/// number that readers would misread; the event is not written (the file's later events would be, so a caller that
/// wants all or nothing discards the file).
/// Appending copies the event into the buffers (no allocation); a row group's encoding allocates inside Parquet.Net.
/// </remarks>
public sealed class ParquetTickWriter : IDisposable
{
    private const long MaxUnscaled = 999_999_999_999_999_999; // 18 digits

    private readonly FileStream _file;
    private readonly SymbolTable _symbols;
    private readonly ParquetWriter _writer;
    private readonly DataField<long> _timestampField = new(ParquetTickSchema.Timestamp, false);
    private readonly DataField<string> _symbolField = new(ParquetTickSchema.Symbol, false);
    private readonly DataField<string> _kindField = new(ParquetTickSchema.Kind, false);
    private readonly DataField<long>[] _decimalFields;
    private readonly DataField<byte> _flagsField = new(ParquetTickSchema.Flags, false);

    private readonly long[] _timestamps = new long[ParquetTickSchema.RowGroupRows];
    private readonly string[] _symbolNames = new string[ParquetTickSchema.RowGroupRows];
    private readonly string[] _kinds = new string[ParquetTickSchema.RowGroupRows];
    private readonly long?[][] _decimals; // price, size, bid_price, bid_size, ask_price, ask_size
    private readonly byte[] _flags = new byte[ParquetTickSchema.RowGroupRows];
    private int _buffered;

    private readonly bool[] _seen;
    private long _rowsWritten;
    private bool _disposed;

    private ParquetTickWriter(string path, FileStream file, SymbolTable symbols)
    {
        Path = path;
        _file = file;
        _symbols = symbols;
        _seen = new bool[symbols.Capacity];
        _decimalFields =
        [
            new(ParquetTickSchema.Price, true),
            new(ParquetTickSchema.Size, true),
            new(ParquetTickSchema.BidPrice, true),
            new(ParquetTickSchema.BidSize, true),
            new(ParquetTickSchema.AskPrice, true),
            new(ParquetTickSchema.AskSize, true),
        ];
        _decimals = new long?[_decimalFields.Length][];
        for (int i = 0; i < _decimals.Length; i++)
        {
            _decimals[i] = new long?[ParquetTickSchema.RowGroupRows];
        }

        // Written as plain INT64 / UTF-8 / UINT_8 columns; the footer then gets the logical types (ParquetFooterRewriter).
        var schema = new ParquetSchema(
            _timestampField, _symbolField, _kindField,
            _decimalFields[0], _decimalFields[1], _decimalFields[2], _decimalFields[3], _decimalFields[4], _decimalFields[5],
            _flagsField);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        options.ColumnEncodingHints[ParquetTickSchema.Symbol] = EncodingHint.Dictionary;
        options.ColumnEncodingHints[ParquetTickSchema.Kind] = EncodingHint.Dictionary;
        options.ColumnEncodingHints[ParquetTickSchema.Timestamp] = EncodingHint.DeltaBinaryPacked; // ns, non-decreasing: small deltas
        _writer = ParquetWriter.CreateAsync(schema, file, options, append: false).GetAwaiter().GetResult();
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Events appended so far, including those still buffered.</summary>
    public long RowCount => _rowsWritten + _buffered;

    /// <summary>Creates (or overwrites) <paramref name="path"/>; <paramref name="symbols"/> names the events' symbol ids.</summary>
    public static ParquetTickWriter Create(string path, SymbolTable symbols)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return new ParquetTickWriter(path, file, symbols);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Buffers one trade or quote; writes a row group when the buffers are full. Throws
    /// <see cref="ParquetValueOutOfRangeException"/> for a price or size of 10^10 or more.</summary>
    public void Append(in MarketEvent e)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int row = _buffered;
        _timestamps[row] = e.TimestampNs;
        _symbolNames[row] = _symbols.GetName(e.Symbol);
        _seen[e.Symbol.Value] = true;

        _flags[row] = (byte)e.Flags;
        if (e.Kind == MarketEventKind.Trade)
        {
            _kinds[row] = ParquetTickSchema.TradeKind;
            _decimals[0][row] = Checked(e.Price, ParquetTickSchema.Price, in e);
            _decimals[1][row] = Checked(e.Size, ParquetTickSchema.Size, in e);
            _decimals[2][row] = _decimals[3][row] = _decimals[4][row] = _decimals[5][row] = null;
        }
        else if (e.Kind == MarketEventKind.Quote)
        {
            _kinds[row] = ParquetTickSchema.QuoteKind;
            _decimals[0][row] = _decimals[1][row] = null;
            _decimals[2][row] = Checked(e.BidPrice, ParquetTickSchema.BidPrice, in e);
            _decimals[3][row] = Checked(e.BidSize, ParquetTickSchema.BidSize, in e);
            _decimals[4][row] = Checked(e.AskPrice, ParquetTickSchema.AskPrice, in e);
            _decimals[5][row] = Checked(e.AskSize, ParquetTickSchema.AskSize, in e);
        }
        else
        {
            throw new ArgumentException("Only trades and quotes can be written.", nameof(e));
        }

        if (++_buffered == ParquetTickSchema.RowGroupRows)
        {
            WriteRowGroup();
        }
    }

    /// <summary>Writes the buffered events and the footer (metadata and the table's logical types), then closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_buffered > 0 || _rowsWritten == 0)
            {
                WriteRowGroup(); // an empty file still gets one (empty) row group, so every reader sees the columns
            }

            _writer.CustomMetadata = new Dictionary<string, string>
            {
                [ParquetTickSchema.SchemaVersionKey] = ParquetTickSchema.SchemaVersion.ToString(CultureInfo.InvariantCulture),
                [ParquetTickSchema.ProducerKey] = Producer,
                [ParquetTickSchema.SymbolsKey] = JsonArray(SymbolsById()),
                [ParquetTickSchema.ColumnsKey] = ParquetTickSchema.ColumnsDescription,
            };
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _file.Flush();
            ParquetFooterRewriter.ReplaceSchema(_file, ParquetTickSchema.Columns);
        }
        finally
        {
            _file.Dispose();
        }
    }

    private static string Producer { get; } = "LowLatency.Ticks.Parquet " +
        (typeof(ParquetTickWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    private void WriteRowGroup()
    {
        int rows = _buffered;
        using (ParquetRowGroupWriter group = _writer.CreateRowGroup())
        {
            group.WriteAsync<long>(_timestampField, _timestamps.AsMemory(0, rows)).GetAwaiter().GetResult();
            group.WriteAsync(_symbolField, new ArraySegment<string>(_symbolNames, 0, rows), null).GetAwaiter().GetResult();
            group.WriteAsync(_kindField, new ArraySegment<string>(_kinds, 0, rows), null).GetAwaiter().GetResult();
            for (int i = 0; i < _decimalFields.Length; i++)
            {
                group.WriteAsync<long>(_decimalFields[i], _decimals[i].AsMemory(0, rows)).GetAwaiter().GetResult();
            }

            group.WriteAsync<byte>(_flagsField, _flags.AsMemory(0, rows)).GetAwaiter().GetResult();
        }

        _rowsWritten += rows;
        _buffered = 0;
    }

    private long Checked(FixedPoint value, string column, in MarketEvent e)
    {
        long raw = value.Raw;
        if (raw is > MaxUnscaled or < -MaxUnscaled)
        {
            throw new ParquetValueOutOfRangeException(column, value, _symbols.GetName(e.Symbol), e.TimestampNs);
        }

        return raw;
    }

    // The symbols written, in the table's id order: a reader interns them in this order first, so a fresh table gives
    // them the same ids (and the same per-symbol report order) as the run that wrote the file.
    private List<string> SymbolsById()
    {
        var names = new List<string>();
        for (int id = 0; id < _symbols.Count; id++)
        {
            if (_seen[id])
            {
                names.Add(_symbols.GetName(new SymbolId(id)));
            }
        }

        return names;
    }

    private static string JsonArray(List<string> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (string value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
