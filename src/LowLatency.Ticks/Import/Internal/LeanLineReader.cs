using System.Buffers;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Splits a stream into lines handed out as spans over one pooled buffer, so reading allocates nothing per line.
/// LF ends a line; a CR before it, and a UTF-8 byte order mark at the start, are dropped. The last line may lack a LF.
/// A span is valid until the next call.
/// </summary>
internal sealed class LeanLineReader : IDisposable
{
    private const int InitialBufferSize = 1 << 16;

    // A LEAN row is under 100 bytes; a "line" this long means the entry is not a LEAN CSV at all.
    private const int MaxLineLength = 1 << 20;

    private readonly Stream _stream;
    private readonly string _name;
    private byte[]? _buffer;

    // Bytes not yet handed out are _buffer[_start.._end).
    private int _start;
    private int _end;
    private bool _endOfStream;

    public LeanLineReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>1-based number of the line returned last (0 before the first).</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                line = TrimCarriageReturn(pending[..newline]);
                LineNumber++;
                return true;
            }

            if (_endOfStream)
            {
                _start = _end;
                line = TrimCarriageReturn(pending);
                if (pending.IsEmpty)
                {
                    return false;
                }

                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        byte[]? buffer = _buffer;
        if (buffer is not null)
        {
            _buffer = null;
            _stream.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    // Moves the partial line to the front, grows the buffer only for a line longer than it, then reads more.
    private void Fill()
    {
        byte[] buffer = _buffer!;
        int pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(buffer, _start, buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        else if (_end == buffer.Length)
        {
            if (buffer.Length >= MaxLineLength)
            {
                LeanThrowHelper.ThrowRow(_name, LineNumber + 1, null, null, "is not a LEAN tick CSV: the line is longer than 1 MiB");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, pending);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = larger;
        }

        int read;
        try
        {
            read = _stream.Read(buffer, _end, buffer.Length - _end);
        }
        catch (InvalidDataException ex)
        {
            LeanThrowHelper.ThrowRow(_name, LineNumber + 1, null, null, "cannot be decompressed: " + ex.Message);
            throw; // unreachable: the helper never returns
        }

        if (read == 0)
        {
            _endOfStream = true;
            return;
        }

        bool atStart = _end == 0 && LineNumber == 0 && _start == 0;
        _end += read;
        if (atStart && buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
        {
            _start = 3;
        }
    }
}
