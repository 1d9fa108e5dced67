using System.IO.Compression;
using System.Text.Json;
using LowLatency.Ticks.Import.Internal;

namespace LowLatency.Ticks.Import;

/// <summary>
/// Reads a raw Binance combined-stream capture (the hftbacktest layout): one message per line,
/// <c>&lt;local receive ns&gt; &lt;JSON&gt;</c>, gzip-compressed or plain. <c>&lt;sym&gt;@trade</c> becomes a trade
/// (<c>p</c>, <c>q</c>) and <c>&lt;sym&gt;@bookTicker</c> a quote (<c>b</c>, <c>B</c>, <c>a</c>, <c>A</c>). Depth
/// updates, the REST depth snapshot (the line without a <c>stream</c> key) and any other stream are well-formed input
/// that is not a tick: they are counted in <see cref="IgnoredRows"/>.
/// </summary>
/// <remarks>
/// <para>Every event is stamped with the local receive timestamp, never an exchange time: it is the only clock every
/// message has (spot bookTicker carries no <c>E</c>/<c>T</c>), and stamping trades with exchange time but quotes with
/// local time would reorder a symbol's events (the capture clock runs about 1.3 s behind the exchange's).</para>
/// <para>Symbols come from the message's <c>s</c> field (<see cref="TickReadOptions.Symbol"/> is not used: every
/// message names its instrument). Each line is parsed with <see cref="Utf8JsonReader"/> over the line's bytes and
/// prices with <see cref="FixedPoint.TryParse(ReadOnlySpan{byte}, out FixedPoint)"/>, so a row allocates nothing; only
/// the first sight of a symbol allocates its name.</para>
/// <para>GZipStream reports a cut file as a normal end, so the end is checked against the gzip trailer: a truncated
/// file throws (or, when skipping bad rows, counts the partial last line as skipped and sets
/// <see cref="Truncation"/>).</para>
/// </remarks>
public sealed class BinanceCaptureTickSource : ITickSource
{
    private readonly bool _skipBadRows;
    private readonly FileStream _file;
    private readonly GZipStream? _gzip;
    private readonly LineReader _lines;
    private readonly uint? _gzipTrailerSize;
    private readonly BinanceMessageParser _parser;
    private readonly TickLosses _losses = new();
    private bool _endChecked;

    private BinanceCaptureTickSource(string path, SymbolTable symbols, in TickReadOptions options, FileStream file)
    {
        Name = path;
        _parser = new BinanceMessageParser(symbols);
        _skipBadRows = options.SkipBadRows;
        _file = file;
        Span<byte> magic = stackalloc byte[2];
        int read = RandomAccess.Read(file.SafeFileHandle, magic, 0);
        Stream stream = file;
        if (Gzip.HasMagic(magic[..read]))
        {
            _gzipTrailerSize = Gzip.ReadTrailerSize(file.SafeFileHandle);
            _gzip = new GZipStream(file, CompressionMode.Decompress);
            stream = _gzip;
        }

        _lines = new LineReader(stream);
    }

    public string Name { get; }

    public long RowsRead { get; private set; }

    public long SkippedRows => _losses.SkippedRows;

    /// <summary>Skipped messages by reason, and the truncation (see <see cref="Truncation"/>) as a damage line.</summary>
    public TickLosses Losses => _losses;

    public long IgnoredRows { get; private set; }

    /// <summary>
    /// Set when the gzip data ended early and bad rows are being skipped (otherwise it is thrown): the error, naming the
    /// line reached, for the caller to report.
    /// </summary>
    public TickFormatException? Truncation { get; private set; }

    /// <summary>Opens <paramref name="path"/>; throws <see cref="TickFormatException"/> when it does not exist.</summary>
    public static BinanceCaptureTickSource Open(string path, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        FileStream file = OpenFile(path);
        try
        {
            return new BinanceCaptureTickSource(path, symbols, options, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool TryRead(ref MarketEvent e)
    {
        while (NextLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            RowsRead++;
            RowResult result = _parser.Parse(line, ref e);
            if (result == RowResult.Tick)
            {
                return true;
            }

            if (result == RowResult.Ignored)
            {
                IgnoredRows++;
            }
            else if (_skipBadRows)
            {
                _losses.CountSkipped(_parser.ErrorLabel);
            }
            else
            {
                ImportThrowHelper.Throw(DescribeError(line));
            }
        }

        return false;
    }

    public void Dispose()
    {
        _gzip?.Dispose();
        _file.Dispose();
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ImportThrowHelper.FileNotFound(path);
        }
    }

    /// <summary>The next line, or false at the end; turns a cut or corrupt gzip stream into a located error.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        bool read;
        try
        {
            read = _lines.TryReadLine(out line);
        }
        catch (InvalidDataException ex)
        {
            throw ImportThrowHelper.RowError(Name, _lines.LineNumber + 1, null, null, "cannot be read: " + ex.Message);
        }

        bool atEnd = !read || _lines.LastLineUnterminated;
        if (!atEnd || _endChecked)
        {
            return read;
        }

        _endChecked = true;
        if (!IsTruncated())
        {
            return read;
        }

        TickFormatException truncation = ImportThrowHelper.RowError(
            Name,
            _lines.LineNumber,
            null,
            null,
            read ? "the file ends inside this line: the gzip data is truncated" : "the gzip data is truncated after this line (its size trailer does not match)");
        if (!_skipBadRows)
        {
            ImportThrowHelper.Throw(truncation);
        }

        if (read)
        {
            RowsRead++;
            _losses.CountSkipped("cut off by the end of the file");
        }

        Truncation = truncation;
        _losses.AddDamage(truncation.Message + ": the rest of the capture is missing");
        line = default;
        return false;
    }

    // Called once, at the end: the trailer holds the uncompressed size mod 2^32 of the last member.
    private bool IsTruncated() =>
        _gzip is not null
        && _gzipTrailerSize != (uint)_lines.BytesRead
        && !Gzip.MayHaveSeveralMembers(_file.SafeFileHandle);

    private TickFormatException DescribeError(ReadOnlySpan<byte> line) =>
        ImportThrowHelper.RowError(Name, _lines.LineNumber, _parser.ErrorColumn, _parser.OffendingText(line), _parser.ErrorReason);
}
