using System.Globalization;
using System.Text.RegularExpressions;
using LowLatency.Engine;

namespace LowLatency.Benchmarks.Latency;

/// <summary>
/// One line of a latency run: a scenario (<c>pipeline</c> one-way, or <c>ping-pong</c> round trip), a contender and
/// its wait mode (<c>ring-Hybrid</c>, <c>channel-async</c>, ...), for our pipeline the stage topology it runs with
/// (<c>threaded</c>, <c>fused</c>, <c>auto</c>: <see cref="StageTopology"/>) and, for the pipeline, a rate. Its name,
/// e.g. <c>pipeline/ring-Hybrid-fused/100k</c> or <c>ping-pong/channel-async</c>, is what <c>--variants</c> patterns match.
/// </summary>
internal sealed record LatencyVariant(string Scenario, string Contender, string Mode, long EventsPerSecond, Func<ILatencyRig> Create,
    string? Topology = null)
{
    public const string Pipeline = "pipeline";
    public const string PingPong = "ping-pong";

    /// <summary>The wait strategies whose rows also run fused: those that keep the consumer thread hot (spinning or
    /// yielding), which fused stages on 2 cores give a core of its own. Blocking and Sleeping trade latency for idle
    /// CPU; they run threaded only, which keeps the full run near its 3 minutes.</summary>
    public static readonly IReadOnlyList<WaitStrategyKind> FusedStrategies =
        [WaitStrategyKind.Hybrid, WaitStrategyKind.Yielding, WaitStrategyKind.BusySpin];

    /// <summary>The default configuration's row (Hybrid, topology auto) runs only for this strategy: Auto picks threaded
    /// or fused from the cores, so per strategy it would repeat one of those rows.</summary>
    public const WaitStrategyKind AutoStrategy = WaitStrategyKind.Hybrid;

    /// <summary><c>ring-Hybrid-fused</c>, <c>channel-async</c>: the contender, its wait mode and, for ours, the topology.</summary>
    public string Label => Topology is null ? $"{Contender}-{Mode}" : $"{Contender}-{Mode}-{Topology}";

    public string Name => Scenario == PingPong ? $"{Scenario}/{Label}" : $"{Scenario}/{Label}/{RateLabel}";

    /// <summary><c>100k</c>, <c>1M</c>, <c>max</c>; <c>round trip</c> for ping-pong.</summary>
    public string RateLabel => Scenario == PingPong ? "round trip" : FormatRate(EventsPerSecond);

    /// <summary>Every variant the options select, pipeline rates first, in a stable order.</summary>
    public static IReadOnlyList<LatencyVariant> Select(in LatencyOptions options)
    {
        var all = new List<LatencyVariant>();
        foreach (long rate in options.Rates)
        {
            // Per strategy, its topologies side by side: the table and the plot compare them at a glance.
            foreach (WaitStrategyKind kind in options.Strategies)
            {
                all.Add(Ring(kind, StageTopology.Threaded, rate));
                if (FusedStrategies.Contains(kind))
                {
                    all.Add(Ring(kind, StageTopology.Fused, rate));
                }

                if (kind == AutoStrategy)
                {
                    all.Add(Ring(kind, StageTopology.Auto, rate));
                }
            }

            all.Add(new(Pipeline, "inline", "no-handoff", rate, () => new InlinePipelineLatencyRig()));
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

    private static LatencyVariant Ring(WaitStrategyKind kind, StageTopology topology, long rate) =>
        new(Pipeline, "ring", kind.ToString(), rate, () => new RingPipelineLatencyRig(kind, topology), topology.ToString().ToLowerInvariant());

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
