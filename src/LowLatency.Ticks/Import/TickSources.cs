using System.IO.Compression;
using LowLatency.Ticks.Import.Internal;
using LowLatency.Ticks.Journal;

namespace LowLatency.Ticks.Import;

/// <summary>Opens any supported tick file, telling its format from its content and extension.</summary>
public static class TickSources
{
    // Enough for any header line and for the start of a capture line.
    private const int HeadLength = 4096;

    private const string UnknownFormatReason =
        "cannot tell the format of this file (expected .lltj, LEAN .zip, Binance .gz capture, CSV with a header or .parquet); use --format";

    private const string ParquetExtension = ".parquet";

    /// <summary>
    /// Opens <paramref name="path"/> as <paramref name="options"/>.<see cref="TickReadOptions.Format"/>, or as
    /// <see cref="Detect"/> says when that is <see cref="TickFormat.Auto"/>. One source per input: a LEAN zip gives
    /// one per entry, every other format one. Throws <see cref="TickFormatException"/> when the file does not exist
    /// or its format cannot be told.
    /// </summary>
    public static IReadOnlyList<ITickSource> Open(string path, SymbolTable symbols, TickReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        TickFormat format = options.Format == TickFormat.Auto ? Detect(path) : options.Format;
        if (!File.Exists(path))
        {
            ImportThrowHelper.Throw(ImportThrowHelper.FileNotFound(path));
        }

        return format switch
        {
            TickFormat.Journal => [JournalReader.Open(path, symbols, options)],
            TickFormat.Lean => LeanTickSource.Open(path, symbols, options),
            TickFormat.Binance => [BinanceCaptureTickSource.Open(path, symbols, options)],
            TickFormat.Csv => [CsvTickSource.Open(path, symbols, options)],
            TickFormat.Parquet => ParquetNeedsItsPackage(path),
            _ => UnknownFormat(path),
        };
    }

    /// <summary>
    /// The format of <paramref name="path"/>, first match wins: a <c>.lltj</c> extension or the journal magic →
    /// <see cref="TickFormat.Journal"/>; a <c>.zip</c> extension or zip magic → <see cref="TickFormat.Lean"/>; a
    /// first line (after gzip decompression when the file starts 1f 8b) of the form <c>&lt;digits&gt; {</c> →
    /// <see cref="TickFormat.Binance"/>; a <c>.parquet</c> extension or the <c>PAR1</c> magic → <see cref="TickFormat.Parquet"/>
    /// (opened by <c>LowLatency.Ticks.Parquet</c>); a first line that looks like a CSV header (two or more fields separated by
    /// <c>,</c> <c>;</c> tab or <c>|</c>, each starting with a letter or '_') → <see cref="TickFormat.Csv"/>.
    /// Throws <see cref="TickFormatException"/> (one line) when the file does not exist or none of these match.
    /// </summary>
    public static TickFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            ImportThrowHelper.Throw(ImportThrowHelper.FileNotFound(path));
        }

        string extension = Path.GetExtension(path);
        if (extension.Equals(JournalFormat.FileExtension, StringComparison.OrdinalIgnoreCase))
        {
            return TickFormat.Journal;
        }

        if (extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return TickFormat.Lean;
        }

        if (extension.Equals(ParquetExtension, StringComparison.OrdinalIgnoreCase))
        {
            return TickFormat.Parquet;
        }

        // A pipe (or device) reports length 0: reading its head here would take those bytes from the source that
        // opens it next, or block. An empty regular file has nothing to detect either.
        if (new FileInfo(path).Length == 0)
        {
            ImportThrowHelper.ThrowFile(path, "empty, or a pipe whose format cannot be detected without consuming it: give --format");
        }

        byte[] head = new byte[HeadLength];
        int length = ReadHead(path, head, out bool gzip);
        ReadOnlySpan<byte> start = head.AsSpan(0, length);
        if (!gzip && JournalFormat.HasMagic(start))
        {
            return TickFormat.Journal;
        }

        if (!gzip && start.StartsWith("PK\u0003\u0004"u8))
        {
            return TickFormat.Lean;
        }

        if (!gzip && start.StartsWith("PAR1"u8))
        {
            return TickFormat.Parquet;
        }

        if (LooksLikeCapture(start))
        {
            return TickFormat.Binance;
        }

        if (!gzip && LooksLikeCsvHeader(start, length < HeadLength))
        {
            return TickFormat.Csv;
        }

        ImportThrowHelper.ThrowFile(path, UnknownFormatReason);
        return TickFormat.Auto;
    }

    private static IReadOnlyList<ITickSource> ParquetNeedsItsPackage(string path)
    {
        ImportThrowHelper.ThrowFile(path, "Parquet is read by LowLatency.Ticks.Parquet (ParquetTickSources.Open), not by TickSources");
        return [];
    }

    private static IReadOnlyList<ITickSource> UnknownFormat(string path)
    {
        ImportThrowHelper.ThrowFile(path, UnknownFormatReason);
        return [];
    }

    /// <summary>The first bytes of the file, decompressed when it is gzip (a corrupt gzip reads as empty).</summary>
    private static int ReadHead(string path, byte[] head, out bool gzip)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        int length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        gzip = Gzip.HasMagic(head.AsSpan(0, length));
        if (!gzip)
        {
            return length;
        }

        file.Position = 0;
        using var decompressed = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return decompressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }

    // "<local ns> {": 1 to 19 digits, one space, a JSON object.
    private static bool LooksLikeCapture(ReadOnlySpan<byte> start)
    {
        int digits = 0;
        while (digits < start.Length && char.IsAsciiDigit((char)start[digits]))
        {
            digits++;
        }

        return digits is > 0 and <= 19 && start.Length > digits + 1 && start[digits] == ' ' && start[digits + 1] == '{';
    }

    private static bool LooksLikeCsvHeader(ReadOnlySpan<byte> start, bool wholeFile)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..]; // UTF-8 byte order mark
        }

        int newline = start.IndexOf((byte)'\n');
        if (newline < 0 && !wholeFile)
        {
            return false; // no line end within the head: not a header line
        }

        ReadOnlySpan<byte> line = newline < 0 ? start : start[..newline];
        line = line.TrimEnd((byte)'\r');
        byte separator = MostFrequentSeparator(line);
        if (separator == 0)
        {
            return false;
        }

        foreach (Range range in line.Split(separator))
        {
            ReadOnlySpan<byte> field = line[range].Trim((byte)' ').Trim((byte)'"');
            if (field.IsEmpty || !(char.IsAsciiLetter((char)field[0]) || field[0] == '_') || field.ContainsAnyInRange((byte)0, (byte)0x1f))
            {
                return false;
            }
        }

        return true;
    }

    private static byte MostFrequentSeparator(ReadOnlySpan<byte> line)
    {
        byte best = 0;
        int bestCount = 0;
        foreach (byte candidate in ",;\t|"u8)
        {
            int count = line.Count(candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }
}
