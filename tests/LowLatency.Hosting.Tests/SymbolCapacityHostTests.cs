using LowLatency.Hosting.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Tests;

/// <summary>LowLatency:SymbolCapacity sizes the hosted pipeline; a tick input that meets more symbols says which key to raise.</summary>
public sealed class SymbolCapacityHostTests
{
    [Fact]
    public async Task Start_TickFileWithMoreSymbolsThanTheCapacity_LogsOneErrorNamingTheKey()
    {
        using var csv = TempTickCsv.Trades(10, i => $"S{i % 5}", _ => "100");
        using IHost host = TestHosts.Build(o =>
        {
            o.SymbolCapacity = 4;
            o.Input = InputKind.Ticks;
            o.Ticks.Paths = [csv.Path];
            o.StopWhenInputEnds = true;
        });
        await host.StartBounded();
        await host.WaitForShutdownAsync(TestContext.Current.CancellationToken).WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(4, host.Service().Symbols.Capacity);
        Assert.InRange(host.Service().Report!.Published, 3, 4); // the ticks before S4's first (less what was read ahead)
        Assert.Equal(
            [$"The Ticks input stopped after {host.Service().Report!.Published} events: the symbol table is full: its capacity of 4 symbols is reached, so 'S4' cannot be added; raise LowLatency:SymbolCapacity and restart"],
            host.Messages(LogLevel.Error));
    }

    [Fact]
    public async Task Start_TickFileWithSkippedRows_WarnsWithCountsByReason()
    {
        using var csv = new TempTickCsv("1704205800000000000,A,100,10\n1704205800000000001,A,10.x,10\n1704205800000000002,A,101,10,9\n1704205800000000003,A,102,10\n");
        using IHost host = TestHosts.Build(o =>
        {
            o.Input = InputKind.Ticks;
            o.Ticks.Paths = [csv.Path];
            o.Ticks.SkipBadRows = true;
            o.StopWhenInputEnds = true;
        });
        await host.StartBounded();
        await host.WaitForShutdownAsync(TestContext.Current.CancellationToken).WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, host.Service().Report!.Published);
        Assert.Equal(
            ["The Ticks input is incomplete: bad rows skipped 2 (bad price 1, extra fields 1); 0 damaged input(s) follow"],
            host.Messages(LogLevel.Warning));
    }

    [Fact]
    public void SymbolCapacity_Default_FitsAUsEquityUniverse() => Assert.Equal(16_384, new MarketHostOptions().SymbolCapacity);
}
