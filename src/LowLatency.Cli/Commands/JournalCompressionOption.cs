using System.CommandLine;
using LowLatency.Ticks.Journal;

namespace LowLatency.Cli.Commands;

/// <summary><c>--compression none|lz4|zstd</c>, shared by the commands that write a tick journal (record, convert).</summary>
internal sealed class JournalCompressionOption
{
    public const string Name = "--compression";

    public Option<JournalCompression> Option { get; } = new(Name)
    {
        Description = "How the journal's record blocks are stored: Lz4 (default: about 6x smaller than None on LEAN ticks, " +
            "fast to replay), Zstd (about 11x smaller, slower to replay) or None. Journal output only.",
        DefaultValueFactory = _ => JournalCompression.Lz4,
        CustomParser = r => OptionParsers.ParseEnum(r, JournalCompression.Lz4),
    };

    public void AddTo(Command command) => command.Options.Add(Option);

    /// <summary>True when the command line gives <c>--compression</c> (not just its default).</summary>
    public bool IsGiven(ParseResult parse) => parse.GetResult(Option) is { Implicit: false };

    public JournalWriterOptions WriterOptions(ParseResult parse) => new() { Compression = parse.GetValue(Option) };
}
