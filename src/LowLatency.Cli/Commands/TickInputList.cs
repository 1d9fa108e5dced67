using System.Globalization;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;
using Microsoft.Extensions.FileSystemGlobbing;

namespace LowLatency.Cli.Commands;

/// <summary>
/// The tick files that input arguments name: a file as it is, a folder as every tick file under it (recursively), a
/// glob (<c>*</c> within a name, <c>**</c> across folders) as every tick file it matches. Each folder's or glob's files
/// are sorted by path (ordinal) so a run is deterministic; a file named twice is read once and counted
/// (<see cref="Duplicates"/>).
/// </summary>
/// <remarks>
/// The rule for files a folder or glob turns up: one whose extension no tick reader takes (anything but
/// <see cref="TickExtensions"/>: README.md, LICENSE, Makefile, .json, .png, ...) is left out quietly and only counted;
/// one with a tick extension whose format cannot be told (<see cref="TickSources.Detect"/>), or a <c>.zip</c> whose path
/// is not in LEAN layout (<see cref="LeanTickSource.CheckPath"/>: backup.zip), is skipped and reported as a damage line,
/// so the run ends with exit code 4 (incomplete input). A file named explicitly is never filtered: it opens or fails
/// (an extension-less file too).
/// A folder or glob that yields no tick file is an error naming it (exit code 2).
/// </remarks>
internal sealed class TickInputList
{
    /// <summary>Extensions a tick reader takes, for files a folder or glob turns up (a file without one is left out
    /// there, and read only when named). A new format adds its own (".parquet").</summary>
    public static readonly string[] TickExtensions = [".lltj", ".zip", ".gz", ".csv", ".tsv", ".txt", ".parquet"];

    private TickInputList(List<string> files, int patterns, int notTickFiles, TickLosses skipped, int skippedCount, int duplicates)
    {
        Duplicates = duplicates;
        Files = files;
        Patterns = patterns;
        NotTickFiles = notTickFiles;
        Skipped = skipped;
        SkippedCount = skippedCount;
    }

    /// <summary>The files to read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Arguments that were folders or globs.</summary>
    public int Patterns { get; }

    /// <summary>Files a folder or glob turned up whose extension is not a tick format: left out quietly.</summary>
    public int NotTickFiles { get; }

    /// <summary>Files with a tick extension whose format could not be told: one damage line each, naming the reason.</summary>
    public TickLosses Skipped { get; }

    public int SkippedCount { get; }

    /// <summary>Files named again (by a later argument, or twice by one): read once, counted here.</summary>
    public int Duplicates { get; }

    /// <summary>Expands <paramref name="inputs"/>; with a <paramref name="format"/> other than Auto, or without
    /// <paramref name="detect"/> (a listing, which reports each file's problem itself), files are not detected.
    /// Throws <see cref="OptionException"/> for an empty argument or a folder or glob with no tick file.</summary>
    public static TickInputList Expand(IReadOnlyList<string> inputs, TickFormat format, bool detect = true)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new TickLosses();
        int patterns = 0, notTick = 0, skippedCount = 0, duplicates = 0;
        foreach (string input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input))
            {
                throw new OptionException("inputs: an empty file name was given.");
            }

            List<string>? matches = Matches(input);
            if (matches is null)
            {
                if (seen.Add(Path.GetFullPath(input)))
                {
                    files.Add(input); // a plain file: opened (or reported missing) as it is
                }
                else
                {
                    duplicates++;
                }

                continue;
            }

            patterns++;
            int others = 0;
            foreach (string match in matches)
            {
                if (!IsTickExtension(match))
                {
                    others++;
                    continue;
                }

                if (!seen.Add(Path.GetFullPath(match)))
                {
                    duplicates++; // named by an earlier argument too
                    continue;
                }

                if (detect && format == TickFormat.Auto && Undetectable(match) is { } reason)
                {
                    skipped.AddDamage(match + ": skipped, " + reason);
                    skippedCount++;
                    continue;
                }

                files.Add(match);
            }

            notTick += others;
            if (matches.Count == others)
            {
                string what = Directory.Exists(input) ? "folder holds" : "glob matches";
                string left = others > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({others} other file(s), not tick files by their extension)") : "";
                throw new OptionException($"inputs: '{input}': the {what} no tick file{left}.");
            }
        }

        return new TickInputList(files, patterns, notTick, skipped, skippedCount, duplicates);
    }

    /// <summary>"12 file(s) from 2 folder(s)/glob(s), 1 not tick files by extension (left out), 1 unrecognised (skipped),
    /// 1 named twice (read once)"; the last part only when a file was named twice.</summary>
    public string Describe()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Files.Count} file(s)");
        if (Patterns > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" from {Patterns} folder(s)/glob(s), {NotTickFiles} not tick files by extension (left out), {SkippedCount} unrecognised (skipped)");
        }

        if (Duplicates > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {Duplicates} named twice (read once)");
        }

        return text;
    }

    private static (string Root, string Pattern)? Split(string input)
    {
        if (Directory.Exists(input))
        {
            return (input, "**/*");
        }

        if (!input.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        // The folders before the first segment with a wildcard are the root; the rest is the pattern.
        string[] segments = input.Replace('\\', '/').Split('/');
        int first = Array.FindIndex(segments, s => s.Contains('*', StringComparison.Ordinal));
        string root = first == 0 ? "." : string.Join('/', segments[..first]);
        return (root.Length == 0 ? "/" : root, string.Join('/', segments[first..])); // "/**/x" is rooted at /
    }

    private static bool IsTickExtension(string path) =>
        TickExtensions.Contains(Path.GetExtension(path).ToLowerInvariant(), StringComparer.Ordinal);

    private static string? Undetectable(string path)
    {
        try
        {
            // A .zip is LEAN by its extension alone; a stray one (backup.zip) would fail the whole run when opened.
            if (TickSources.Detect(path) == TickFormat.Lean && Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                LeanTickSource.CheckPath(path);
            }

            return null;
        }
        catch (TickFormatException ex)
        {
            return TickMessages.WithoutPath(ex.Message, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "cannot be read: " + ex.Message;
        }
    }

    /// <summary>The folder a folder or glob argument searches ("." for a glob with no folder before its first
    /// wildcard); null for a plain file argument.</summary>
    public static string? RootOf(string input) => Split(input)?.Root;

    /// <summary>The files a folder or glob argument stands for, sorted; null for a plain file argument.</summary>
    private static List<string>? Matches(string input)
    {
        if (Split(input) is not (string root, string pattern))
        {
            return null;
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        List<string> matches = [.. matcher.GetResultsInFullPath(root)
            .Select(full => root == "." ? Path.GetRelativePath(".", full) : Path.Join(root, Path.GetRelativePath(root, full)))];
        matches.Sort(StringComparer.Ordinal);
        return matches;
    }
}
