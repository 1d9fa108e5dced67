namespace LowLatency.Ticks;

/// <summary>Message text about a tick file, shown where the file is already named (a listing row, a skipped-file line).</summary>
public static class TickMessages
{
    /// <summary><paramref name="message"/> without the <c>"<paramref name="path"/>: "</c> it starts with, if it does;
    /// otherwise <paramref name="message"/> as it is.</summary>
    public static string WithoutPath(string message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(path);
        bool prefixed = message.Length >= path.Length + 2 && message.StartsWith(path, StringComparison.Ordinal) &&
            message[path.Length] == ':' && message[path.Length + 1] == ' ';
        return prefixed ? message[(path.Length + 2)..] : message;
    }
}
