using System.Globalization;
using System.Text.RegularExpressions;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// One line of a latency run: a scenario (<c>pipeline</c> one-way, or <c>ping-pong</c> round trip), a contender and
/// its wait mode (<c>ring-Hybrid</c>, <c>channel-async</c>, ...) and, for the pipeline, a rate. Its name, e.g.
/// <c>pipeline/ring-Hybrid/100k</c> or <c>ping-pong/channel-async</c>, is what <c>--variants</c> patterns match.
/// <c>ring-fused-Hybrid</c> runs the three stages on one thread (<see cref="FusedStagesHandler"/>): a diagnostic of what
/// the hand-offs cost.
/// </summary>
internal sealed record LatencyVariant(string Scenario, string Contender, string Mode, long EventsPerSecond, Func<ILatencyRig> Create)
{
    public const string Pipeline = "pipeline";
    public const string PingPong = "ping-pong";

    public string Name => Scenario == PingPong ? $"{Scenario}/{Contender}-{Mode}" : $"{Scenario}/{Contender}-{Mode}/{RateLabel}";

    /// <summary><c>100k</c>, <c>1M</c>, <c>max</c>; <c>round trip</c> for ping-pong.</summary>
    public string RateLabel => Scenario == PingPong ? "round trip" : FormatRate(EventsPerSecond);

    /// <summary>Every variant the options select, pipeline rates first, in a stable order.</summary>
    public static IReadOnlyList<LatencyVariant> Select(in LatencyOptions options)
    {
        var all = new List<LatencyVariant>();
        foreach (long rate in options.Rates)
        {
            foreach (WaitStrategyKind kind in options.Strategies)
            {
                all.Add(new(Pipeline, "ring", kind.ToString(), rate, () => new RingPipelineLatencyRig(kind)));
            }

            if (options.Strategies.Contains(WaitStrategyKind.Hybrid))
            {
                all.Add(new(Pipeline, "ring-fused", nameof(WaitStrategyKind.Hybrid), rate,
                    () => new RingPipelineLatencyRig(WaitStrategyKind.Hybrid, fused: true)));
            }

            all.Add(new(Pipeline, "channel", "async", rate, () => new ChannelPipelineLatencyRig(spinningStages: false)));
            all.Add(new(Pipeline, "channel", "spinning", rate, () => new ChannelPipelineLatencyRig(spinningStages: true)));
        }

        foreach (WaitStrategyKind kind in options.Strategies)
        {
            all.Add(new(PingPong, "ring", kind.ToString(), 0, () => new RingPingPongRig(kind)));
        }

        all.Add(new(PingPong, "channel", "async", 0, () => new ChannelPingPongRig(spinning: false)));
        all.Add(new(PingPong, "channel", "spinning", 0, () => new ChannelPingPongRig(spinning: true)));

        Regex[] patterns = [.. options.Variants.Select(WildcardToRegex)];
        return [.. all.Where(v => patterns.Any(p => p.IsMatch(v.Name)))];
    }

    /// <summary>100000 → 100k, 1000000 → 1M, 0 → max.</summary>
    public static string FormatRate(long eventsPerSecond) => eventsPerSecond switch
    {
        0 => "max",
        >= 1_000_000 when eventsPerSecond % 1_000_000 == 0 => (eventsPerSecond / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M",
        >= 1_000 when eventsPerSecond % 1_000 == 0 => (eventsPerSecond / 1_000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => eventsPerSecond.ToString(CultureInfo.InvariantCulture),
    };

    private static Regex WildcardToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
