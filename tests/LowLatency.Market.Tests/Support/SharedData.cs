namespace LowLatency.Market.Tests.Support;

/// <summary>
/// Locates the recorded tick samples in <c>../shared/data/ticks</c> next to the repository. They are read-only fixtures
/// that are not part of the repository, so tests that need them skip (never fail) where they are absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> s_ticksDirectory = new(FindTicksDirectory);

    /// <summary>The <c>shared/data/ticks</c> directory, or null when it cannot be found.</summary>
    public static string? TicksDirectory => s_ticksDirectory.Value;

    /// <summary>Returns <see cref="TicksDirectory"/>, or skips the calling test with the reason when it is missing.</summary>
    public static string RequireTicks()
    {
        string? directory = TicksDirectory;
        if (directory is null)
        {
            Assert.Skip(
                "Shared tick samples not found: expected ../shared/data/ticks next to the directory holding LowLatency.sln " +
                "(searched upwards from " + AppContext.BaseDirectory + ").");
        }

        return directory;
    }

    /// <summary>A file under <see cref="RequireTicks"/> (path segments separated by '/'); skips when it is missing.</summary>
    public static string RequireTickFile(string relativePath)
    {
        string path = Path.Combine(RequireTicks(), relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            Assert.Skip("Shared tick sample not found: " + path);
        }

        return path;
    }

    private static string? FindTicksDirectory()
    {
        // Walk up from the test binaries (tests/X/bin/Release/net10.0/) to the solution directory.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LowLatency.sln")))
            {
                string ticks = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "ticks"));
                return Directory.Exists(ticks) ? ticks : null;
            }
        }

        return null;
    }
}
