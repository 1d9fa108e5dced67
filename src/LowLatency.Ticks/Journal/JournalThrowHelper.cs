using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LowLatency.Ticks.Journal;

/// <summary>Journal throws, out of line so the read and append loops stay small.</summary>
[StackTraceHidden]
internal static class JournalThrowHelper
{
    /// <summary>Bad journal bytes: binary input, so the location is a byte offset and the line is 0.</summary>
    [DoesNotReturn]
    public static void ThrowFormat(string file, long byteOffset, string reason) =>
        throw new TickFormatException(file, 0, byteOffset, null, null, reason);

    /// <summary>The file ends inside the header (file header or header symbol table): nothing in it can be trusted.</summary>
    [DoesNotReturn]
    public static void ThrowTruncatedHeader(string file, long length, long needed) =>
        throw new TickFormatException(file, 0, length, null, null, string.Create(
            CultureInfo.InvariantCulture,
            $"truncated journal header: the file has {length} bytes, the header needs {needed}"));

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowObjectDisposed(object instance) => throw new ObjectDisposedException(instance.GetType().Name);
}
