using System.Globalization;

namespace LowLatency.Cli.Commands;

/// <summary>
/// Writes a file through a hidden temporary sibling, <c>.NAME.PID.tmp</c>, renamed over the final name only when
/// complete: an error, Ctrl+C or SIGTERM removes the temporary file and leaves the final name untouched. A process
/// killed outright (SIGKILL, power loss) cannot clean up; the next write to the same output removes what it left, as
/// the PID in the name no longer runs, and says so.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> (asked for by <paramref name="option"/>) with
    /// <paramref name="writeTo"/>, which writes the file it is given and stops early once the token is cancelled.</summary>
    /// <returns>Null when the file was written; else the signal (SIGINT, SIGTERM) that stopped it, nothing written.</returns>
    public static string? Write(string option, string path, TextWriter error, Action<string, CancellationToken> writeTo)
    {
        string directory = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        if (!Directory.Exists(directory))
        {
            throw new OptionException($"{option}: directory '{directory}' does not exist.");
        }

        if (Directory.Exists(path))
        {
            throw new OptionException($"{option} {path}: is a folder; give a file name.");
        }

        try
        {
            RemoveStale(directory, Path.GetFileName(path), error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed or cleaned fails below, naming the output.
        }

        string temp = TempPath(directory, Path.GetFileName(path), Environment.ProcessId);
        using var stop = new StopSignal();
        try
        {
            try
            {
                new FileStream(temp, FileMode.CreateNew, FileAccess.Write).Dispose(); // fails here, not mid-write, when the folder is not writable
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(option, path, temp, ex);
            }

            writeTo(temp, stop.Token);
            if (stop.Received is not null)
            {
                return stop.Received;
            }

            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex.Message.Contains(temp, StringComparison.Ordinal))
        {
            throw Unwritable(option, path, temp, ex); // e.g. the disk filled up: name the output, not the temporary file
        }
        finally
        {
            File.Delete(temp); // no-op once renamed
        }
    }

    /// <summary>Says that <paramref name="path"/> was not written because <paramref name="signal"/> stopped it, with how
    /// far it got; returns the signal's exit code.</summary>
    public static int ReportInterrupted(TextWriter error, string signal, string path, string progress)
    {
        error.WriteLine($"interrupted by {signal}: {path} was not written (its partial temporary file was removed); {progress}.");
        return StopSignal.ExitCodeOf(signal);
    }

    /// <summary>"--out /data/day.lltj: permission denied": the output as given, never the hidden temporary file.</summary>
    private static OptionException Unwritable(string option, string path, string temp, Exception ex)
    {
        string reason = ex is UnauthorizedAccessException
            ? "permission denied"
            : ex.Message.Replace($" : '{temp}'", "", StringComparison.Ordinal).Replace(temp, path, StringComparison.Ordinal).TrimEnd('.');
        return new OptionException($"{option} {path}: cannot write: {reason}.", ex);
    }

    private static string TempPath(string directory, string name, int processId) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $".{name}.{processId}.tmp"));

    /// <summary>Removes temporary files of earlier writes to this output whose process no longer runs; one of a
    /// running process (another write in progress, or a reused PID) is left alone. Each is reported.</summary>
    private static void RemoveStale(string directory, string name, TextWriter error)
    {
        string prefix = "." + name + ".";
        foreach (string file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            string pid = Path.GetFileName(file) is var f && f.StartsWith(prefix, StringComparison.Ordinal) ? f[prefix.Length..^".tmp".Length] : "";
            if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int processId) || processId == Environment.ProcessId)
            {
                continue;
            }

            long bytes = new FileInfo(file).Length;
            if (IsRunning(processId))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: {file} ({bytes:N0} bytes) belongs to process {processId}, which is running; left alone."));
                continue;
            }

            File.Delete(file);
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: removed {file} ({bytes:N0} bytes), the unfinished output of an earlier run (process {processId}) that was killed."));
        }
    }

    private static bool IsRunning(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists("/proc/" + processId.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }
}
