using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>Throws for the LEAN reader out of line, so the row loop carries no throw code.</summary>
[StackTraceHidden]
internal static class LeanThrowHelper
{
    /// <summary>A problem with a whole file or zip entry (its name, its archive, its compressed data).</summary>
    [DoesNotReturn]
    public static void ThrowFile(string file, string? offendingText, string reason) =>
        throw new TickFormatException(file, 0, -1, null, offendingText, reason);

    /// <summary>A problem with one row: <paramref name="line"/> is 1-based.</summary>
    [DoesNotReturn]
    public static void ThrowRow(string file, long line, string? column, string? offendingText, string reason) =>
        throw new TickFormatException(file, line, -1, column, offendingText, reason);
}
