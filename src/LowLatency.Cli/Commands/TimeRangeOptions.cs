using System.CommandLine;
using LowLatency.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary><c>--from</c> / <c>--to</c>: the half-open UTC window [from, to) of commands that read tick files.</summary>
internal sealed class TimeRangeOptions
{
    public Option<long?> From { get; } = new("--from")
    {
        Description = "Only ticks at or after this UTC time: ISO-8601 (2013-10-07T13:30:00Z, or a date alone: 2013-10-07) or epoch ns.",
        CustomParser = TimeOptionParsers.ParseUtcTime,
    };

    public Option<long?> To { get; } = new("--to")
    {
        Description = "Only ticks before this UTC time (same forms as --from; the window is [from, to)).",
        CustomParser = TimeOptionParsers.ParseUtcTime,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>The window; throws <see cref="OptionException"/> when --from is not before --to.</summary>
    public TickTimeRange Bind(ParseResult parse)
    {
        long? fromNs = parse.GetValue(From), toNs = parse.GetValue(To);
        if (fromNs is not null && toNs is not null && fromNs >= toNs)
        {
            throw new OptionException("--from: must be before --to.");
        }

        return new TickTimeRange(fromNs, toNs);
    }
}
