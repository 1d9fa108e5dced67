using System.Globalization;
using LowLatency.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary>What the tick readers did not deliver, in the summary (skipped rows by reason, one line per damaged input),
/// and the exit code that lets a script tell an incomplete input from a complete one.</summary>
internal static class InputLossesWriter
{
    /// <summary>"rows read N, not ticks (ignored) N, bad rows skipped N (reason n, ...)": what the inputs held and what
    /// of it was not taken.</summary>
    public static string Counts(TickMerger merger, TickLosses losses) => string.Create(CultureInfo.InvariantCulture,
        $"rows read {merger.RowsRead:N0}, not ticks (ignored) {merger.IgnoredRows:N0}, bad rows skipped {losses.DescribeSkipped()}");

    /// <summary>"N" events outside the window, and "+ K file(s) left unread by their date" when whole files were skipped:
    /// a filtered count, not a loss.</summary>
    public static string Outside(long events, int files) => files == 0
        ? events.ToString("N0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{events:N0} + {files} file(s) left unread by their date");

    /// <summary>One <c>incomplete  ...</c> line per damaged input: truncation, dropped zip entry, skipped journal blocks.</summary>
    public static void WriteDamage(TextWriter o, TickLosses losses)
    {
        foreach (string damage in losses.Damage)
        {
            o.WriteLine("incomplete   " + damage);
        }
    }

    /// <summary><see cref="ExitCodes.IncompleteInput"/> instead of success when input was skipped or cut short, said on
    /// <paramref name="error"/>; any other code is returned as it is (a failure says more).</summary>
    public static int ExitCode(TextWriter error, TickLosses losses, int exitCode)
    {
        if (exitCode != ExitCodes.Success || losses.IsComplete)
        {
            return exitCode;
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incomplete input: {losses.SkippedRows:N0} bad row(s) skipped, {losses.Damage.Count} damaged input(s); the summary counts them by reason (exit code {ExitCodes.IncompleteInput})."));
        return ExitCodes.IncompleteInput;
    }
}
