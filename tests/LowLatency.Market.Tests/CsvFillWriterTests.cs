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
    public void OnFill_FewRows_ExactBytesWithShortestExactPnlAndFee()
    {
        var stream = new MemoryStream();
        using (var writer = new CsvFillWriter(stream, _symbols, StrategyReasons.Of<VwapMeanReversionStrategy>()))
        {
            writer.OnFill(Fill(_aapl, SignalSide.Buy, 59m, 167.43m, position: 59m, pnlRaw: 0, VwapMeanReversionStrategy.EntryBelowFair, feeRaw: 7_004_185 * s_pnlScale / 10_000_000));
            writer.OnFill(Fill(_aapl, SignalSide.Sell, 59m, 167.5m, position: 0m, pnlRaw: 413 * s_pnlScale / 100, VwapMeanReversionStrategy.ExitAtFair, feeRaw: 1));
            writer.OnFill(Fill(_msft, SignalSide.Sell, 3m, 10.02m, position: -3m, pnlRaw: 166_666_666_666_667, VwapMeanReversionStrategy.EntryAboveFair, feeRaw: 0));
            writer.OnFill(Fill(_msft, SignalSide.Buy, 3m, 11m, position: 0m, pnlRaw: -1_750 * s_pnlScale, VwapMeanReversionStrategy.StopLoss, feeRaw: 12 * s_pnlScale));
            writer.OnFill(Fill(_msft, SignalSide.Buy, 0.00000001m, 1m, position: 0.00000001m, pnlRaw: -1, 0, feeRaw: 0));
            writer.OnFill(Fill(_msft, SignalSide.Sell, 1m, 1m, position: 0m, pnlRaw: Int128.Parse("1234567890123456789012345"), 0, feeRaw: Int128.Parse("98765432109876543210"), timestampNs: 1_381_239_696_031_000_123));
            writer.OnSignal(new Signal(_aapl, SignalSide.Buy, P(1m), P(1m), 1, 1, 1)); // signals are not fills
            Assert.Equal(6, writer.Rows);
        }

        // time: the timestamp in UTC to the 100 ns, cut toward the past (the exact ns are in timestamp_ns).
        Assert.Equal(
            "sequence,timestamp_ns,time,symbol,side,quantity,price,fee,position_after,realized_pnl_after,signal_sequence,reason\n" +
            "101,1001,1970-01-01T00:00:00.0000010Z,AAPL,buy,59,167.43,0.7004185,59,0,100,entry_below_fair\n" +
            "101,1001,1970-01-01T00:00:00.0000010Z,AAPL,sell,59,167.5,0.0000000000000001,0,4.13,100,exit_at_fair\n" +
            "101,1001,1970-01-01T00:00:00.0000010Z,MSFT,sell,3,10.02,0,-3,0.0166666666666667,100,entry_above_fair\n" +
            "101,1001,1970-01-01T00:00:00.0000010Z,MSFT,buy,3,11,12,0,-1750,100,stop_loss\n" +
            "101,1001,1970-01-01T00:00:00.0000010Z,MSFT,buy,0.00000001,1,0,0.00000001,-0.0000000000000001,100,unknown\n" +
            "101,1381239696031000123,2013-10-08T13:41:36.0310001Z,MSFT,sell,1,1,9876.543210987654321,0,123456789.0123456789012345,100,unknown\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnFill_RealFills_RowPerFillInOrderWithTheirFees()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { FeeBps = P(0.5m), FeePerUnit = P(0.0035m) });
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
            "1,2000,1970-01-01T00:00:00.0000020Z,AAPL,buy,3,10.01,0.0120015,3,0,0,below_buy_level\n" +  // 30.03 × 0.5 bps + 3 × 0.0035
            "2,3000,1970-01-01T00:00:00.0000030Z,AAPL,sell,5,10.02,0.020005,-2,0.03,1,above_sell_level\n", // 50.1 × 0.5 bps + 5 × 0.0035; PnL before fees
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnFill_SteadyState_AllocatesNothingPerRow()
    {
        using var writer = new CsvFillWriter(Stream.Null, _symbols, StrategyReasons.Of<VwapMeanReversionStrategy>());
        Fill open = Fill(_aapl, SignalSide.Buy, 59m, 167.43m, position: 59m, pnlRaw: 0, VwapMeanReversionStrategy.EntryBelowFair);
        Fill close = Fill(_msft, SignalSide.Sell, 3m, 10.02m, position: -3m, pnlRaw: 166_666_666_666_667, VwapMeanReversionStrategy.ExitAtFair);

        CsvRows.AssertAllocateNothing(writer, i => writer.OnFill(in (i % 2 == 0 ? ref open : ref close)));
    }

    private static Fill Fill(SymbolId symbol, SignalSide side, decimal quantity, decimal price, decimal position, Int128 pnlRaw, byte reason,
        Int128 feeRaw = default, long timestampNs = 1_001) =>
        new(symbol, side, P(quantity), P(price), timestampNs, 101, 100, reason, P(position), pnlRaw, feeRaw);
}
