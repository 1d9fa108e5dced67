using System.Text;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class CsvFillWriterTests
{
    /// <summary>Realized PnL is raw at 10^-16: prices and quantities both carry 8 decimals.</summary>
    private static readonly Int128 s_pnlScale = (Int128)FixedPoint.Scale * FixedPoint.Scale;

    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    [Fact]
    public void OnFill_FewRows_ExactBytesWithShortestExactPnl()
    {
        var stream = new MemoryStream();
        using (var writer = new CsvFillWriter(stream, _symbols, StrategyReasons.Of<VwapMeanReversionStrategy>()))
        {
            writer.OnFill(Fill(_aapl, SignalSide.Buy, 59m, 167.43m, position: 59m, pnlRaw: 0, VwapMeanReversionStrategy.EntryBelowFair));
            writer.OnFill(Fill(_aapl, SignalSide.Sell, 59m, 167.5m, position: 0m, pnlRaw: 413 * s_pnlScale / 100, VwapMeanReversionStrategy.ExitAtFair));
            writer.OnFill(Fill(_msft, SignalSide.Sell, 3m, 10.02m, position: -3m, pnlRaw: 166_666_666_666_667, VwapMeanReversionStrategy.EntryAboveFair));
            writer.OnFill(Fill(_msft, SignalSide.Buy, 3m, 11m, position: 0m, pnlRaw: -1_750 * s_pnlScale, VwapMeanReversionStrategy.StopLoss));
            writer.OnFill(Fill(_msft, SignalSide.Buy, 0.00000001m, 1m, position: 0.00000001m, pnlRaw: -1, 0));
            writer.OnFill(Fill(_msft, SignalSide.Sell, 1m, 1m, position: 0m, pnlRaw: Int128.Parse("1234567890123456789012345"), 0));
            writer.OnSignal(new Signal(_aapl, SignalSide.Buy, P(1m), P(1m), 1, 1, 1)); // signals are not fills
            Assert.Equal(6, writer.Rows);
        }

        Assert.Equal(
            "sequence,timestamp_ns,symbol,side,quantity,price,position_after,realized_pnl_after,signal_sequence,reason\n" +
            "101,1001,AAPL,buy,59,167.43,59,0,100,entry_below_fair\n" +
            "101,1001,AAPL,sell,59,167.5,0,4.13,100,exit_at_fair\n" +
            "101,1001,MSFT,sell,3,10.02,-3,0.0166666666666667,100,entry_above_fair\n" +
            "101,1001,MSFT,buy,3,11,0,-1750,100,stop_loss\n" +
            "101,1001,MSFT,buy,0.00000001,1,0.00000001,-0.0000000000000001,100,unknown\n" +
            "101,1001,MSFT,sell,1,1,0,123456789.0123456789012345,100,unknown\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnFill_RealFills_RowPerFillInOrder()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions());
        var stream = new MemoryStream();
        using (var writer = new CsvFillWriter(stream, _symbols, StrategyReasons.Of<ThresholdStrategy>()))
        {
            driver.Trading.Sink = writer;
            driver.Trade(_aapl, 10m, 1_000, TradingDriver.Buy(3m));
            driver.Trade(_aapl, 10.01m, 2_000, TradingDriver.Sell(5m));
            driver.Trade(_aapl, 10.02m, 3_000);
            Assert.Equal(driver.Trading.Fills.TotalCount, writer.Rows);
        }

        Assert.Equal(
            CsvFillWriter.Header + "\n" +
            "1,2000,AAPL,buy,3,10.01,3,0,0,below_buy_level\n" +
            "2,3000,AAPL,sell,5,10.02,-2,0.03,1,above_sell_level\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnFill_SteadyState_AllocatesNothingPerRow()
    {
        using var writer = new CsvFillWriter(Stream.Null, _symbols, StrategyReasons.Of<VwapMeanReversionStrategy>());
        Fill open = Fill(_aapl, SignalSide.Buy, 59m, 167.43m, position: 59m, pnlRaw: 0, VwapMeanReversionStrategy.EntryBelowFair);
        Fill close = Fill(_msft, SignalSide.Sell, 3m, 10.02m, position: -3m, pnlRaw: 166_666_666_666_667, VwapMeanReversionStrategy.ExitAtFair);

        Allocation.AssertRowsAllocateNothing(writer, i => writer.OnFill(in (i % 2 == 0 ? ref open : ref close)));
    }

    private static Fill Fill(SymbolId symbol, SignalSide side, decimal quantity, decimal price, decimal position, Int128 pnlRaw, byte reason) =>
        new(symbol, side, P(quantity), P(price), 1_001, 101, 100, reason, P(position), pnlRaw);
}
