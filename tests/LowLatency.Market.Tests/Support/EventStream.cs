using System.Numerics;
using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;

namespace LowLatency.Market.Tests.Support;

/// <summary>Builds event arrays from the generator and runs them through stages, as a pipeline would.</summary>
internal static class EventStream
{
    public static MarketEvent[] Generate(SymbolTable symbols, in MarketEventGeneratorOptions options, int count)
    {
        var generator = new MarketEventGenerator(symbols, options);
        var events = new MarketEvent[count];
        for (int i = 0; i < events.Length; i++)
        {
            generator.Next(ref events[i]);
        }

        return events;
    }

    public static void Run<THandler>(ref THandler handler, MarketEvent[] events)
        where THandler : struct, IEventHandler<MarketEvent>
    {
        for (int i = 0; i < events.Length; i++)
        {
            handler.OnEvent(ref events[i], i, i == events.Length - 1);
        }
    }

    /// <summary>Runs the filter with default options over <paramref name="events"/>.</summary>
    public static FilterState Filter(SymbolTable symbols, MarketEvent[] events)
    {
        var handler = new FilterHandler(new FilterState(symbols, new FilterOptions()));
        Run(ref handler, events);
        return handler.State;
    }

    /// <summary>Runs the aggregator over <paramref name="events"/>.</summary>
    public static AggregatorState Aggregate(SymbolTable symbols, MarketEvent[] events, in AggregatorOptions options)
    {
        var handler = new AggregatorHandler(new AggregatorState(symbols, options));
        Run(ref handler, events);
        return handler.State;
    }

    /// <summary>Runs the aggregator over <paramref name="events"/> keeping every event's aggregate view, as the
    /// strategy stage reads them (the view ring has a slot for every event).</summary>
    public static AggregateRing AggregateWithViews(SymbolTable symbols, MarketEvent[] events, in AggregatorOptions options, out AggregatorState state)
    {
        var views = new AggregateRing((int)BitOperations.RoundUpToPowerOf2((uint)events.Length));
        var handler = new AggregatorHandler(new AggregatorState(symbols, options), views);
        Run(ref handler, events);
        state = handler.State;
        return views;
    }
}
