using LowLatency.Market.Internal;

namespace LowLatency.Market.Generation;

/// <summary>
/// Deterministic synthetic producer: <see cref="Next"/> fills one ring slot in place. The output depends only on the
/// options (seed included), never on the clock: exchange timestamps are <see cref="MarketEventGeneratorOptions.StartTimestampNs"/>
/// plus a fixed step per event. Not thread-safe; one producer owns it.
/// </summary>
public sealed class MarketEventGenerator
{
    private static readonly string[] s_defaultSymbols = ["AAPL", "GOOGL", "MSFT"];

    private readonly GeneratorModel _model;
    private readonly SymbolId[] _symbols;
    private readonly long _stepNs;

    // RandomWalk state per symbol index, in ticks.
    private readonly long[] _bidTicks;
    private readonly long[] _spreadTicks;
    private readonly long _tickRaw;
    private readonly long _lotRaw;
    private readonly ulong _stepChoices;
    private readonly long _maxStepTicks;
    private readonly ulong _maxSpreadTicks;
    private readonly ulong _quotePercent;
    private readonly ulong _maxLots;

    private Xoshiro256StarStar _random; // not readonly: calls must advance the field, not a defensive copy
    private long _nextTimestampNs;
    private long _eventCount;

    /// <summary>Interns the option's symbols into <paramref name="symbols"/> and validates the options.</summary>
    public MarketEventGenerator(SymbolTable symbols, in MarketEventGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Options = options;
        _model = options.Model;
        if (_model is not GeneratorModel.Classic and not GeneratorModel.RandomWalk)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "Unknown generator model.");
        }

        if (options.TimestampStepNs <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "TimestampStepNs must be positive.");
        }

        string[] names = options.Symbols ?? s_defaultSymbols;
        if (names.Length == 0)
        {
            ThrowHelper.ThrowArgument(nameof(options), "At least one symbol is required.");
        }

        _symbols = new SymbolId[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            _symbols[i] = symbols.GetOrAdd(names[i]);
            if (Array.IndexOf(_symbols, _symbols[i], 0, i) >= 0)
            {
                ThrowHelper.ThrowArgument(nameof(options), "Symbol '" + names[i] + "' is listed twice.");
            }
        }

        _random = new Xoshiro256StarStar(options.Seed);
        _stepNs = options.TimestampStepNs;
        _nextTimestampNs = options.StartTimestampNs;
        _bidTicks = new long[names.Length];
        _spreadTicks = new long[names.Length];
        _tickRaw = options.TickSize.Raw;
        _lotRaw = options.LotSize.Raw;
        _maxStepTicks = options.MaxStepTicks;
        _stepChoices = (ulong)((2 * (long)options.MaxStepTicks) + 1);
        _maxSpreadTicks = (ulong)options.MaxSpreadTicks;
        _quotePercent = (ulong)options.QuotePercent;
        _maxLots = (ulong)options.MaxLots;
        if (_model == GeneratorModel.RandomWalk)
        {
            InitializeRandomWalk(in options);
        }
    }

    /// <summary>Symbol names used when <see cref="MarketEventGeneratorOptions.Symbols"/> is null.</summary>
    public static ReadOnlySpan<string> DefaultSymbols => s_defaultSymbols;

    public MarketEventGeneratorOptions Options { get; }

    /// <summary>The ids of the generated symbols, in option order.</summary>
    public ReadOnlySpan<SymbolId> Symbols => _symbols;

    public long EventCount => _eventCount;

    /// <summary>Exchange timestamp the next event will carry.</summary>
    public long NextTimestampNs => _nextTimestampNs;

    /// <summary>
    /// Overwrites every field of <paramref name="e"/> with the next event: stage fields cleared and
    /// <see cref="MarketEvent.IngestTimestampNs"/> zero (the producer stamps it). Allocates nothing.
    /// </summary>
    public void Next(ref MarketEvent e)
    {
        e = default;
        e.TimestampNs = _nextTimestampNs;
        _nextTimestampNs += _stepNs;
        _eventCount++;
        if (_model == GeneratorModel.Classic)
        {
            NextClassic(ref e);
        }
        else
        {
            NextRandomWalk(ref e);
        }
    }

    private void NextClassic(ref MarketEvent e)
    {
        e.Kind = MarketEventKind.Trade;
        e.Symbol = _symbols[(int)_random.NextBounded((ulong)_symbols.Length)];
        long cents = 10_000 + (long)_random.NextBounded(10_001);              // 100.00 .. 200.00
        e.Price = FixedPoint.FromRaw(cents * (FixedPoint.Scale / 100));
        e.Size = FixedPoint.FromRaw((1 + (long)_random.NextBounded(1_000)) * FixedPoint.Scale); // 1 .. 1000
    }

    private void NextRandomWalk(ref MarketEvent e)
    {
        int index = (int)_random.NextBounded((ulong)_symbols.Length);
        e.Symbol = _symbols[index];
        long bid = _bidTicks[index] + (long)_random.NextBounded(_stepChoices) - _maxStepTicks;
        if (bid < 1)
        {
            bid = 1; // floor at one tick keeps prices positive
        }

        _bidTicks[index] = bid;
        if (_random.NextBounded(100) < _quotePercent)
        {
            long spread = 1 + (long)_random.NextBounded(_maxSpreadTicks);
            _spreadTicks[index] = spread;
            e.Kind = MarketEventKind.Quote;
            e.BidPrice = FixedPoint.FromRaw(bid * _tickRaw);
            e.AskPrice = FixedPoint.FromRaw((bid + spread) * _tickRaw);
            e.BidSize = FixedPoint.FromRaw((1 + (long)_random.NextBounded(_maxLots)) * _lotRaw);
            e.AskSize = FixedPoint.FromRaw((1 + (long)_random.NextBounded(_maxLots)) * _lotRaw);
        }
        else
        {
            // A buyer lifts the ask or a seller hits the bid of the current book.
            long price = _random.NextBounded(2) == 0 ? bid : bid + _spreadTicks[index];
            e.Kind = MarketEventKind.Trade;
            e.Price = FixedPoint.FromRaw(price * _tickRaw);
            e.Size = FixedPoint.FromRaw((1 + (long)_random.NextBounded(_maxLots)) * _lotRaw);
        }
    }

    private void InitializeRandomWalk(in MarketEventGeneratorOptions options)
    {
        if (_tickRaw <= 0 || _lotRaw <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "TickSize and LotSize must be positive.");
        }

        if (options.MaxStepTicks < 0 || options.MaxSpreadTicks < 1 || options.MaxLots < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "MaxStepTicks must be >= 0, MaxSpreadTicks and MaxLots >= 1.");
        }

        if (options.QuotePercent is < 0 or > 100)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "QuotePercent must be within 0..100.");
        }

        FixedPoint[]? startPrices = options.StartPrices;
        if (startPrices is not null && startPrices.Length != _symbols.Length)
        {
            ThrowHelper.ThrowArgument(nameof(options), "StartPrices needs one price per symbol.");
        }

        for (int i = 0; i < _symbols.Length; i++)
        {
            long ticks;
            if (startPrices is null)
            {
                long cents = 2_000 + (long)_random.NextBounded(48_001); // 20.00 .. 500.00
                ticks = Math.Max(1, cents * (FixedPoint.Scale / 100) / _tickRaw);
            }
            else
            {
                long raw = startPrices[i].Raw;
                if (raw <= 0 || raw % _tickRaw != 0)
                {
                    ThrowHelper.ThrowArgument(nameof(options), "Start prices must be positive multiples of TickSize.");
                }

                ticks = raw / _tickRaw;
            }

            _bidTicks[i] = ticks;
            _spreadTicks[i] = 1;
        }
    }
}
