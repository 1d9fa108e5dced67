using System.Globalization;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>The CSV files of one run (signals, fills, the report's fills and equity), each named by the option that
/// asked for it.</summary>
internal sealed class TradingOutputs : IDisposable
{
    private readonly List<(string Option, string Path, CsvRowWriter Writer)> _writers = [];

    public IEnumerable<ISignalSink> Sinks => _writers.Select(w => (ISignalSink)w.Writer);

    /// <summary>Data rows written to the file <paramref name="option"/> asked for; null when it was not asked for.</summary>
    public long? RowsOf(string option) => _writers.FirstOrDefault(w => w.Option == option).Writer?.Rows;

    public void Open(string option, string path, Func<Stream, CsvRowWriter> create)
    {
        FileStream stream;
        try
        {
            // Unbuffered: the writer buffers 64 KiB itself, and a FileStream buffer would be allocated mid-run.
            stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionException(string.Create(CultureInfo.InvariantCulture, $"{option}: cannot write '{path}': {ex.Message}"));
        }

        _writers.Add((option, path, create(stream)));
    }

    public void Flush()
    {
        foreach ((_, _, CsvRowWriter writer) in _writers)
        {
            writer.Flush();
        }
    }

    public void Dispose()
    {
        foreach ((_, _, CsvRowWriter writer) in _writers)
        {
            writer.Dispose();
        }
    }
}
