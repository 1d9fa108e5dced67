using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>Throws <see cref="TickFormatException"/>s out of line, so the per-row readers carry no throw code.</summary>
[StackTraceHidden]
internal static class ImportThrowHelper
{
    /// <summary>A problem with the file as a whole: <c>path: reason</c>.</summary>
    [DoesNotReturn]
    public static void ThrowFile(string path, string reason) => throw new TickFormatException(path, 0, -1, null, null, reason);

    /// <summary>A problem on one line: <c>path:line: column 'c': 'text' reason</c>.</summary>
    [DoesNotReturn]
    public static void ThrowRow(string path, long line, string? column, string? offendingText, string reason) =>
        throw RowError(path, line, column, offendingText, reason);

    [DoesNotReturn]
    public static void Throw(TickFormatException exception) => throw exception;

    [DoesNotReturn]
    public static void ThrowInvalidData(string message) => throw new InvalidDataException(message);

    public static TickFormatException FileNotFound(string path) => new(path, 0, -1, null, null, "file not found");

    /// <summary>
    /// The exception <see cref="ThrowRow"/> throws, for callers that report it instead (or throw it themselves). Line
    /// breaks in the offending text (a quoted CSV field) are shown as <c>\n</c>, so the message stays one line.
    /// </summary>
    public static TickFormatException RowError(string path, long line, string? column, string? offendingText, string reason) =>
        new(path, line, -1, column, offendingText?.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal), reason);
}
