using System.Globalization;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// The <c>latency</c> command's options, with defaults sized so the default run (40 variants) takes about three
/// minutes on 2 cores. <see cref="Usage"/> documents them.
/// </summary>
internal readonly record struct LatencyOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/LowLatency.Benchmarks -- latency [options]

          --duration <s>       measured seconds per variant (default 3)
          --warmup <s>         warm-up seconds per variant, not recorded (default 1)
          --rates <list>       pipeline send rates: events/s with k or M, or max (default 100k,1M,max)
          --strategies <list>  ring wait strategies: Hybrid,Yielding,BusySpin,Blocking,Sleeping (default: all)
          --variants <list>    name patterns with * wildcards (default *), e.g. 'pipeline/ring-Hybrid/*,ping-pong/*'
          --out <dir>          output folder (default BenchmarkDotNet.Artifacts/latency/<yyyyMMdd-HHmmss>)
          --no-plot            skip the PNG
          --list               print the selected variants and exit
          --help               this text

        Variants: pipeline/<ring-STRATEGY-TOPOLOGY|channel-async|channel-spinning>/<rate> (one way, producer to
        strategy stage) and ping-pong/<ring-STRATEGY|channel-async|channel-spinning> (round trip). TOPOLOGY is how
        the three stages map onto threads: threaded (every strategy), fused (Hybrid, Yielding, BusySpin) and auto
        (Hybrid: the default configuration), e.g. 'pipeline/ring-Hybrid-*/100k'.
        """;

    public LatencyOptions()
    {
    }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pipeline rates in events/s; 0 is max.</summary>
    public IReadOnlyList<long> Rates { get; init; } = [100_000, 1_000_000, 0];

    public IReadOnlyList<WaitStrategyKind> Strategies { get; init; } = Enum.GetValues<WaitStrategyKind>();

    public IReadOnlyList<string> Variants { get; init; } = ["*"];

    /// <summary>Output folder; null picks <c>BenchmarkDotNet.Artifacts/latency/&lt;timestamp&gt;</c> under the current directory.</summary>
    public string? OutputDirectory { get; init; }

    public bool Plot { get; init; } = true;

    public bool ListOnly { get; init; }

    public bool HelpOnly { get; init; }

    /// <summary>Parses the arguments after <c>latency</c>; false with a message naming the first bad one.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out LatencyOptions options, out string? error)
    {
        options = new LatencyOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    options = options with { HelpOnly = true };
                    continue;
                case "--no-plot":
                    options = options with { Plot = false };
                    continue;
                case "--list":
                    options = options with { ListOnly = true };
                    continue;
            }

            if (value is null)
            {
                error = arg.StartsWith("--", StringComparison.Ordinal) ? $"{arg} needs a value." : $"Unknown argument '{arg}'.";
                return false;
            }

            i++;
            switch (arg)
            {
                case "--duration" when TryParseSeconds(value, 0.001, out TimeSpan duration):
                    options = options with { Duration = duration };
                    break;
                case "--warmup" when TryParseSeconds(value, 0, out TimeSpan warmup):
                    options = options with { Warmup = warmup };
                    break;
                case "--rates" when TryParseList(value, TryParseRate, out long[] rates):
                    options = options with { Rates = rates };
                    break;
                case "--strategies" when TryParseList(value, TryParseStrategy, out WaitStrategyKind[] strategies):
                    options = options with { Strategies = strategies };
                    break;
                case "--variants":
                    options = options with { Variants = Split(value) };
                    break;
                case "--out":
                    options = options with { OutputDirectory = value };
                    break;
                default:
                    error = arg is "--duration" or "--warmup" or "--rates" or "--strategies"
                        ? $"Bad value '{value}' for {arg}."
                        : $"Unknown argument '{arg}'.";
                    return false;
            }
        }

        return true;
    }

    private delegate bool Parser<T>(string text, out T value);

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParseList<T>(string list, Parser<T> parse, out T[] values)
    {
        string[] items = Split(list);
        values = new T[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (!parse(items[i], out values[i]))
            {
                return false;
            }
        }

        return items.Length > 0;
    }

    private static bool TryParseSeconds(string text, double minimum, out TimeSpan value)
    {
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds >= minimum && seconds <= 3600;
        value = ok ? TimeSpan.FromSeconds(seconds) : default;
        return ok;
    }

    private static bool TryParseStrategy(string text, out WaitStrategyKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]);

    /// <summary><c>max</c> → 0, <c>100k</c> → 100 000, <c>1M</c> / <c>1m</c> → 1 000 000, <c>250000</c> → 250 000.</summary>
    private static bool TryParseRate(string text, out long eventsPerSecond)
    {
        eventsPerSecond = 0;
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        long scale = char.ToLowerInvariant(text[^1]) switch { 'k' => 1_000, 'm' => 1_000_000, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)
            || rate * scale < 1 || rate * scale > 1e9)
        {
            return false;
        }

        eventsPerSecond = (long)(rate * scale);
        return true;
    }
}
