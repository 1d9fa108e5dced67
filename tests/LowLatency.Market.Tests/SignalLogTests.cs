using LowLatency.Market.Strategies;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class SignalLogTests
{
    /// <summary>
    /// The metrics read the side counts on another thread while the strategy thread appends. With only buys appended
    /// the sell count is 0 at every instant; derived as total − buys from two reads, a buy landing between them made
    /// it negative (and the "sells" counter went backwards).
    /// </summary>
    [Fact]
    public async Task SellCount_ReadWhileBuysAreAppended_IsAlwaysZero()
    {
        const long reads = 200_000_000; // ~0.5 s: the two threads must overlap on the cores long enough to meet
        var log = new SignalLog(capacity: 0, symbolCapacity: 1);
        var buy = new Signal(new SymbolId(0), SignalSide.Buy, P(1m), P(1m), 0, 0, ThresholdStrategy.BelowBuyLevel);
        bool stop = false;
        Task<long> writer = Task.Run(() =>
        {
            long appended = 0;
            while (!Volatile.Read(ref stop))
            {
                log.Append(buy);
                appended++;
            }

            return appended;
        }, TestContext.Current.CancellationToken);

        long wrong = 0;
        for (long i = 0; i < reads; i++)
        {
            wrong += log.SellCount != 0 ? 1 : 0;
        }

        Volatile.Write(ref stop, true);
        long buys = await writer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, wrong);
        Assert.Equal((buys, 0L, buys), (log.BuyCount, log.SellCount, log.TotalCount));
    }

    [Fact]
    public void Append_BeyondCapacity_KeepsFirstSignalsAndCountsAll()
    {
        var log = new SignalLog(capacity: 3, symbolCapacity: 4);
        var a = new SymbolId(0);
        var b = new SymbolId(3);
        SignalSide[] sides = [SignalSide.Buy, SignalSide.Sell, SignalSide.Buy, SignalSide.Buy, SignalSide.Sell];
        for (int i = 0; i < sides.Length; i++)
        {
            log.Append(new Signal(i % 2 == 0 ? a : b, sides[i], P(100m), P(10m + i), 1_000 + i, i, ThresholdStrategy.BelowBuyLevel));
        }

        Assert.Equal(3, log.Capacity);
        Assert.Equal(3, log.Count);
        Assert.Equal(5, log.TotalCount);
        Assert.Equal(2, log.OverflowCount);
        Assert.Equal(3, log.BuyCount);
        Assert.Equal(2, log.SellCount);
        Assert.Equal(3, log.Signals.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i, log[i].Sequence);
            Assert.Equal(P(10m + i), log.Signals[i].Price);
        }

        // i = 0, 2, 4 on a: Buy, Buy, Sell; i = 1, 3 on b: Sell, Buy.
        Assert.Equal(2, log.GetCount(a, SignalSide.Buy));
        Assert.Equal(1, log.GetCount(a, SignalSide.Sell));
        Assert.Equal(1, log.GetCount(b, SignalSide.Buy));
        Assert.Equal(1, log.GetCount(b, SignalSide.Sell));
        Assert.Equal(0, log.GetCount(new SymbolId(1), SignalSide.Buy));
        Assert.Equal(0, log.GetCount(a, SignalSide.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => log[3]);
    }

    [Fact]
    public void Append_ZeroCapacity_OnlyCounts()
    {
        var log = new SignalLog(0, 1);

        log.Append(new Signal(new SymbolId(0), SignalSide.Sell, P(1m), P(2m), 3, 4, ThresholdStrategy.AboveSellLevel));

        Assert.Equal(0, log.Count);
        Assert.Equal(1, log.TotalCount);
        Assert.Equal(1, log.OverflowCount);
        Assert.Equal(1, log.GetCount(new SymbolId(0), SignalSide.Sell));
    }

    [Fact]
    public void Append_InvalidSignal_Throws()
    {
        var log = new SignalLog(4, 2);

        Assert.Throws<ArgumentException>(() => log.Append(new Signal(new SymbolId(2), SignalSide.Buy, P(1m), P(1m), 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => log.Append(new Signal(new SymbolId(0), SignalSide.None, P(1m), P(1m), 0, 0, 0)));
        Assert.Equal(0, log.TotalCount);
    }

    [Fact]
    public void Append_SteadyState_AllocatesNothing()
    {
        var log = new SignalLog(1_000, 1);
        var signal = new Signal(new SymbolId(0), SignalSide.Buy, P(1m), P(1m), 0, 0, ThresholdStrategy.BelowBuyLevel);

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                log.Append(signal);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1_000, log.Count);
        Assert.Equal(0, log.TotalCount % 100_000);
    }

    [Fact]
    public void Clear_AfterAppends_ResetsCountsAndStorage()
    {
        var log = new SignalLog(2, 1);
        log.Append(new Signal(new SymbolId(0), SignalSide.Buy, P(1m), P(1m), 0, 0, ThresholdStrategy.BelowBuyLevel));

        log.Clear();

        Assert.Equal(0, log.Count);
        Assert.Equal(0, log.TotalCount);
        Assert.Equal(0, log.BuyCount);
        Assert.Equal(0, log.GetCount(new SymbolId(0), SignalSide.Buy));
    }
}
