using System.Text;
using System.Text.Unicode;

namespace LowLatency.Ticks.Journal;

/// <summary>Encodes and decodes a Symbols block payload: per definition a uint8 UTF-8 length, then the name bytes.</summary>
internal static class JournalSymbols
{
    /// <summary>Bytes one definition takes; -1 when the name is longer than <see cref="JournalFormat.MaxSymbolNameBytes"/>.</summary>
    public static int EncodedLength(string name)
    {
        int bytes = Encoding.UTF8.GetByteCount(name);
        return bytes > JournalFormat.MaxSymbolNameBytes ? -1 : 1 + bytes;
    }

    /// <summary>Writes one definition (the caller sized <paramref name="destination"/> with <see cref="EncodedLength"/>).</summary>
    public static int Write(Span<byte> destination, string name)
    {
        int bytes = Encoding.UTF8.GetBytes(name, destination[1..]);
        destination[0] = (byte)bytes;
        return 1 + bytes;
    }

    /// <summary>Rounds a payload length up to <see cref="JournalFormat.Alignment"/>, so the next block stays aligned.</summary>
    public static int Padded(int length) => (length + JournalFormat.Alignment - 1) & ~(JournalFormat.Alignment - 1);

    /// <summary>
    /// Appends <paramref name="count"/> names decoded from <paramref name="payload"/> to <paramref name="names"/>.
    /// Returns -1, or the payload offset of the first definition that is empty, overruns the payload or is not UTF-8.
    /// </summary>
    public static int TryDecode(ReadOnlySpan<byte> payload, int count, List<string> names)
    {
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (offset >= payload.Length)
            {
                return offset;
            }

            int length = payload[offset];
            if (length == 0 || length > payload.Length - offset - 1)
            {
                return offset;
            }

            ReadOnlySpan<byte> name = payload.Slice(offset + 1, length);
            if (!Utf8.IsValid(name))
            {
                return offset;
            }

            names.Add(Encoding.UTF8.GetString(name));
            offset += 1 + length;
        }

        return -1;
    }
}
