namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Splits a stream into lines inside one reused byte buffer. The buffer grows only for a line longer than any before
/// (a large REST snapshot), so the steady state reads without allocating.
/// </summary>
internal sealed class LineReader
{
    // A line longer than this is not a tick message; refusing it bounds memory on a file without newlines.
    private const int MaxBufferLength = 1 << 28;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;   // first unread byte
    private int _end;     // end of the valid bytes
    private int _scanned; // bytes after _start already known to hold no '\n'
    private bool _endOfStream;

    public LineReader(Stream stream, int initialBufferLength = 1 << 16)
    {
        _stream = stream;
        _buffer = new byte[initialBufferLength];
    }

    /// <summary>1-based number of the line last returned (blank lines included).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes read from the stream so far (after decompression, for a gzip stream).</summary>
    public long BytesRead { get; private set; }

    /// <summary>True when the line last returned ended at the end of the stream rather than at a '\n'.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>True once the stream is exhausted and every line has been returned.</summary>
    public bool IsAtEnd => _endOfStream && _start == _end;

    /// <summary>The next line without its '\n' (and '\r'), valid until the next call; false at the end.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int searchFrom = _start + _scanned;
            int newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = searchFrom + newline;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, lineEnd - _start));
                _start = lineEnd + 1;
                _scanned = 0;
                LineNumber++;
                return true;
            }

            _scanned = _end - _start;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                _scanned = 0;
                LineNumber++;
                LastLineUnterminated = true;
                return true;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer); // overlap-safe move of the partial line to the front
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Grow();
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
            return;
        }

        _end += read;
        BytesRead += read;
    }

    private void Grow()
    {
        if (_buffer.Length >= MaxBufferLength)
        {
            ImportThrowHelper.ThrowInvalidData("a line is longer than 256 MiB");
        }

        Array.Resize(ref _buffer, _buffer.Length * 2);
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
