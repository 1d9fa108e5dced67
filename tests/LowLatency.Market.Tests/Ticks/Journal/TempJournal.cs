using LowLatency.Ticks.Journal;

namespace LowLatency.Market.Tests.Ticks.Journal;

/// <summary>A unique journal path in the temp folder, deleted on Dispose.</summary>
internal sealed class TempJournal : IDisposable
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lltj-test-" + Guid.NewGuid().ToString("N") + JournalFormat.FileExtension);

    public void Dispose() => File.Delete(Path);
}
