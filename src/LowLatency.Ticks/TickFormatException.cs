namespace LowLatency.Ticks;

/// <summary>
/// Bad input: where (file, line or byte offset, column) and what (the offending text and why). The message is one
/// line meant for a person, e.g. <c>data.csv:17: column 'price': '12.3.4' is not a decimal number</c>.
/// </summary>
public sealed class TickFormatException : Exception
{
    public TickFormatException(string file, long line, long byteOffset, string? column, string? offendingText, string reason)
        : base(Describe(file, line, byteOffset, column, offendingText, reason))
    {
        File = file;
        Line = line;
        ByteOffset = byteOffset;
        Column = column;
        OffendingText = offendingText;
        Reason = reason;
    }

    public TickFormatException()
        : this("", 0, -1, null, null, "malformed input")
    {
    }

    public TickFormatException(string message)
        : this("", 0, -1, null, null, message)
    {
    }

    public TickFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
        Reason = message;
        ByteOffset = -1;
    }

    public string File { get; }

    /// <summary>1-based line number, or 0 for binary input (see <see cref="ByteOffset"/>).</summary>
    public long Line { get; }

    /// <summary>Byte offset in the file, or -1 when <see cref="Line"/> locates the problem.</summary>
    public long ByteOffset { get; }

    public string? Column { get; }

    public string? OffendingText { get; }

    public string Reason { get; }

    private static string Describe(string file, long line, long byteOffset, string? column, string? text, string reason)
    {
        string where = line > 0 ? $"{file}:{line}" : byteOffset >= 0 ? $"{file}: byte offset {byteOffset}" : file;
        string what = column is null ? "" : $" column '{column}':";
        string offending = text is null ? "" : $" '{Truncate(text)}'";
        return where.Length == 0 ? $"{what}{offending} {reason}".TrimStart() : $"{where}:{what}{offending} {reason}";
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
