using System.Globalization;
using System.Runtime;
using LowLatency.Engine;
using LowLatency.Hosting.Internal;
using LowLatency.Market;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting.Settings;

/// <summary>
/// Checks every setting once, at start, and names each bad one by its configuration key (<c>LowLatency:RingSize</c>),
/// so a misconfigured host fails to start with a message instead of failing later on a stage thread.
/// </summary>
internal sealed class MarketHostOptionsValidator(string sectionPath, HostedStrategy strategy) : IValidateOptions<MarketHostOptions>
{
    private const int MaxSignalQueueCapacity = 1 << 24;

    public ValidateOptionsResult Validate(string? name, MarketHostOptions options)
    {
        var errors = new List<string>();
        void Fail(string key, string message) => errors.Add($"{sectionPath}:{key} {message}");

        if (!RingCapacity.IsValid(options.RingSize))
        {
            Fail("RingSize", $"must be a power of two between {RingCapacity.Min} and {RingCapacity.Max} (got {options.RingSize}).");
        }

        CheckDefined(options.ProducerType, "ProducerType", errors);
        CheckDefined(options.WaitStrategy, "WaitStrategy", errors);
        CheckDefined(options.Topology, "Topology", errors);
        CheckDefined(options.ExceptionPolicy, "ExceptionPolicy", errors);
        CheckDefined(options.Input, "Input", errors);
        CheckDefined(options.SignalQueueFullMode, "SignalQueueFullMode", errors);
        if (options.SignalQueueFullMode == SignalQueueFullMode.Wait)
        {
            Fail("SignalQueueFullMode", "must be Drop or Fail: the signal hub never makes the strategy wait for subscribers (got Wait).");
        }

        CheckDefined(options.Generator.Model, "Generator:Model", errors);
        CheckDefined(options.Ticks.Format, "Ticks:Format", errors);
        CheckDefined(options.Threads.Priority, "Threads:Priority", errors);
        if (options.GcLatencyMode is { } gc && (!Enum.IsDefined(gc) || gc == GCLatencyMode.NoGCRegion))
        {
            Fail("GcLatencyMode", $"must be Batch, Interactive, LowLatency or SustainedLowLatency (got {gc}).");
        }

        if (options.SymbolCapacity is < 1 or > SymbolTable.MaxCapacity)
        {
            Fail("SymbolCapacity", $"must be between 1 and {SymbolTable.MaxCapacity} (got {options.SymbolCapacity}).");
        }
        else if (options.Symbols is { } symbols)
        {
            if (symbols.Length > options.SymbolCapacity)
            {
                Fail("Symbols", $"lists {symbols.Length} symbols, more than SymbolCapacity ({options.SymbolCapacity}).");
            }

            if (Array.Exists(symbols, string.IsNullOrWhiteSpace))
            {
                Fail("Symbols", "contains an empty name.");
            }
        }

        ValidateInput(options, Fail);
        ValidateStages(options, Fail);
        ValidateStrategy(options, errors);
        ValidateThreads(options.Threads, Fail);

        if (options.Health.MaxLag < 0)
        {
            Fail("Health:MaxLag", $"must be 0 (half the ring) or positive (got {options.Health.MaxLag}).");
        }

        if (options.Health.MaxLagDuration < TimeSpan.Zero)
        {
            Fail("Health:MaxLagDuration", $"must not be negative (got {options.Health.MaxLagDuration}).");
        }

        if (options.WarmupEvents < 0)
        {
            Fail("WarmupEvents", $"must be 0 (no warm-up) or positive (got {options.WarmupEvents}).");
        }

        if (options.DrainTimeout <= TimeSpan.Zero)
        {
            Fail("DrainTimeout", $"must be positive (got {options.DrainTimeout}).");
        }

        if (options.StatusInterval < TimeSpan.Zero)
        {
            Fail("StatusInterval", $"must be 0 (off) or positive (got {options.StatusInterval}).");
        }

        if (!RingCapacity.IsValid(options.SignalQueueCapacity, MaxSignalQueueCapacity))
        {
            Fail("SignalQueueCapacity", $"must be a power of two between {RingCapacity.Min} and {MaxSignalQueueCapacity} (got {options.SignalQueueCapacity}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateInput(MarketHostOptions options, Action<string, string> fail)
    {
        GeneratorSettings generator = options.Generator;
        if (generator.Events < 0)
        {
            fail("Generator:Events", $"must be 0 (until stopped) or positive (got {generator.Events}).");
        }

        if (generator.EventsPerSecond < 0)
        {
            fail("Generator:EventsPerSecond", $"must be 0 (as fast as possible) or positive (got {generator.EventsPerSecond}).");
        }

        TickInputSettings ticks = options.Ticks;
        if (ticks.Speed < 0 || !double.IsFinite(ticks.Speed))
        {
            fail("Ticks:Speed", $"must be 0 (as fast as possible) or a positive factor (got {ticks.Speed.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.Input != InputKind.Ticks)
        {
            return;
        }

        if (ticks.Paths is not { Length: > 0 } paths)
        {
            fail("Ticks:Paths", "must name at least one tick file when Input is Ticks.");
            return;
        }

        for (int i = 0; i < paths.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(paths[i]) || !File.Exists(paths[i]))
            {
                fail($"Ticks:Paths:{i}", $"'{paths[i]}' is not an existing file.");
            }
        }
    }

    private static void ValidateStages(MarketHostOptions options, Action<string, string> fail)
    {
        FilterSettings filter = options.Filter;
        if (!IsFixedPoint(filter.MinSize) || filter.MinSize < 0)
        {
            fail("Filter:MinSize", $"must be 0 or a positive number with at most 8 decimals (got {filter.MinSize}).");
        }

        if (filter.MaxSize is { } max && (!IsFixedPoint(max) || max < filter.MinSize))
        {
            fail("Filter:MaxSize", $"must be at least MinSize, with at most 8 decimals (got {max}).");
        }

        if (!IsFixedPoint(filter.PriceBand) || (filter.PriceBand != 0 && filter.PriceBand < 1))
        {
            fail("Filter:PriceBand", $"must be 0 (off) or at least 1 (got {filter.PriceBand}).");
        }

        if (filter.MaxStalenessNs < 0)
        {
            fail("Filter:MaxStalenessNs", $"must be 0 (off) or positive (got {filter.MaxStalenessNs}).");
        }

        AggregatorSettings aggregator = options.Aggregator;
        if (aggregator.RollingBucketWidthNs <= 0 || aggregator.RollingBucketCount <= 0 || aggregator.BarIntervalNs <= 0)
        {
            fail("Aggregator", "RollingBucketWidthNs, RollingBucketCount and BarIntervalNs must all be positive.");
        }

        TradingSettings trading = options.Trading;
        CheckAmount(trading.MaxPosition, "Trading:MaxPosition", fail);
        CheckAmount(trading.MaxOrderQuantity, "Trading:MaxOrderQuantity", fail);
        CheckAmount(trading.MaxNotional, "Trading:MaxNotional", fail);
        CheckAmount(trading.FeeBps, "Trading:FeeBps", fail);
        CheckAmount(trading.FeePerUnit, "Trading:FeePerUnit", fail);
        CheckAmount(trading.SlippageBps, "Trading:SlippageBps", fail);
        CheckAmount(trading.StartingCapital, "Trading:StartingCapital", fail);
        if (trading.StartingCapital == 0)
        {
            fail("Trading:StartingCapital", "must be positive (got 0).");
        }

        if (trading.EquityIntervalNs < 0)
        {
            fail("Trading:EquityIntervalNs", $"must be 0 (fills only) or positive (got {trading.EquityIntervalNs}).");
        }
        if (trading.FillLatencyNs < 0)
        {
            fail("Trading:FillLatencyNs", $"must not be negative (got {trading.FillLatencyNs}).");
        }

        if (trading.MaxOpenOrders < 1)
        {
            fail("Trading:MaxOpenOrders", $"must be at least 1 (got {trading.MaxOpenOrders}).");
        }

        if (trading.SignalLogCapacity < 0)
        {
            fail("Trading:SignalLogCapacity", $"must not be negative (got {trading.SignalLogCapacity}).");
        }

        if (trading.FillLogCapacity < 0)
        {
            fail("Trading:FillLogCapacity", $"must not be negative (got {trading.FillLogCapacity}).");
        }
    }

    /// <summary>The strategy name and every parameter, as the strategy itself reads them.</summary>
    private void ValidateStrategy(MarketHostOptions options, List<string> errors)
    {
        try
        {
            strategy.Resolve(options, sectionPath).Validate(HostedStrategy.Parameters(options, sectionPath));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            errors.Add(ex.Message); // a strategy's own Create may throw any of these for a value it refuses
        }
    }

    private static void CheckAmount(decimal value, string key, Action<string, string> fail)
    {
        if (value < 0 || decimal.Round(value, FixedPoint.Decimals) != value)
        {
            fail(key, $"must be 0 (off) or positive, with at most 8 decimals (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }
        else if (!IsFixedPoint(value))
        {
            fail(key, $"must be at most {FixedPoint.MaxValue} (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private static void ValidateThreads(StageThreadSettings threads, Action<string, string> fail)
    {
        if (threads.AnyPinned && !OperatingSystem.IsLinux())
        {
            fail("Threads", "pins stage threads to CPUs, which this host supports on Linux only; remove FilterCpu, AggregatorCpu and StrategyCpu.");
            return;
        }

        CheckCpu(threads.FilterCpu, "Threads:FilterCpu", fail);
        CheckCpu(threads.AggregatorCpu, "Threads:AggregatorCpu", fail);
        CheckCpu(threads.StrategyCpu, "Threads:StrategyCpu", fail);
    }

    private static void CheckCpu(int? cpu, string key, Action<string, string> fail)
    {
        if (cpu is { } n && (n < 0 || n >= Environment.ProcessorCount))
        {
            fail(key, $"must be a CPU number from 0 to {Environment.ProcessorCount - 1} (got {n}).");
        }
    }

    private void CheckDefined<TEnum>(TEnum value, string key, List<string> errors)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"{sectionPath}:{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (got {value}).");
        }
    }

    private static bool IsFixedPoint(decimal value)
    {
        try
        {
            FixedPoint.FromDecimal(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
