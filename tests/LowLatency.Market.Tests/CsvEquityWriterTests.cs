using System.Text;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;
using static LowLatency.Market.Tests.Support.TradingDriver;

namespace LowLatency.Market.Tests;

public sealed class CsvEquityWriterTests
{
    /// <summary>Money is raw at 10^-16.</summary>
    private static readonly Int128 s_rawPerMoney = (Int128)FixedPoint.Scale * FixedPoint.Scale;

    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();

    [Fact]
    public void OnEquity_FewPoints_ExactBytesWithShortestExactMoney()
    {
        var stream = new MemoryStream();
        using (var writer = new CsvEquityWriter(stream, _symbols, StrategyReasons.Of<ThresholdStrategy>()))
        {
            writer.OnEquity(new EquityPoint(1_381_239_696_031_000_123, EquityCause.Start, 0, 0, 0, 0));
            writer.OnEquity(new EquityPoint(1_381_239_700_000_000_000, EquityCause.Fill, 0, 7_004_185 * s_rawPerMoney / 10_000_000, -35 * s_rawPerMoney / 10, 0));
            writer.OnEquity(new EquityPoint(1_381_239_760_000_000_000, EquityCause.Interval, 413 * s_rawPerMoney / 100, 14_010_435 * s_rawPerMoney / 10_000_000,
                166_666_666_666_667, 42_004_185 * s_rawPerMoney / 10_000_000));
            writer.OnEquity(new EquityPoint(-1, EquityCause.Interval, Int128.Parse("1234567890123456789012345"), 1, 0, 1));
            writer.OnEquity(new EquityPoint(long.MinValue, EquityCause.Fill, -s_rawPerMoney, 0, -1, s_rawPerMoney + 1));
            writer.OnSignal(new Signal(TestSymbols.Aapl, SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(1), 1, 1, 1));
            ((ISignalSink)writer).OnFill(default);                        // neither signals nor fills are equity points
            Assert.Equal(5, writer.Rows);
        }

        Assert.Equal(
            "timestamp_ns,time,cause,realized_pnl,fees,unrealized_pnl,equity,drawdown\n" +
            "1381239696031000123,2013-10-08T13:41:36.0310001Z,start,0,0,0,0,0\n" +
            "1381239700000000000,2013-10-08T13:41:40.0000000Z,fill,0,0.7004185,-3.5,-4.2004185,0\n" +
            "1381239760000000000,2013-10-08T13:42:40.0000000Z,interval,4.13,1.4010435,0.0166666666666667,2.7456231666666667,4.2004185\n" +
            "-1,1969-12-31T23:59:59.9999999Z,interval,123456789.0123456789012345,0.0000000000000001,0,123456789.0123456789012344,0.0000000000000001\n" +
            "-9223372036854775808,1677-09-21T00:12:43.1452241Z,fill,-1,0,-0.0000000000000001,-1.0000000000000001,1.0000000000000001\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnEquity_RealRun_RowPerPointAsTheSinkGotThem()
    {
        var driver = new TradingDriver(_symbols, new TradingOptions { EquityIntervalNs = 1_000, FeePerUnit = P(0.01m) });
        var stream = new MemoryStream();
        using (var writer = new CsvEquityWriter(stream, _symbols, StrategyReasons.Of<ThresholdStrategy>()))
        {
            driver.Trading.Sink = writer;
            driver.Trade(TestSymbols.Aapl, 10m, 500, Buy(3m));
            driver.Trade(TestSymbols.Aapl, 10.5m, 900);   // buy 3 @ 10.5, fee 0.03
            driver.Trade(TestSymbols.Aapl, 10m, 1_200);   // 1 000 passed: −1.5 − 0.03
            Assert.Equal(3, writer.Rows);
        }

        Assert.Equal(
            CsvEquityWriter.Header + "\n" +
            "500,1970-01-01T00:00:00.0000005Z,start,0,0,0,0,0\n" +
            "900,1970-01-01T00:00:00.0000009Z,fill,0,0.03,0,-0.03,0.03\n" +
            "1200,1970-01-01T00:00:00.0000012Z,interval,0,0.03,-1.5,-1.53,1.53\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnEquity_SteadyState_AllocatesNothingPerRow()
    {
        using var writer = new CsvEquityWriter(Stream.Null, _symbols, StrategyReasons.Of<ThresholdStrategy>());
        EquityPoint[] points =
        [
            new(1_381_239_696_031_000_123, EquityCause.Start, 0, 0, 0, 0),
            new(1_381_239_700_000_000_000, EquityCause.Fill, 413 * s_rawPerMoney / 100, 7_004_185, -166_666_666_666_667, 12 * s_rawPerMoney),
            new(-1, EquityCause.Interval, Int128.Parse("-1234567890123456789012345"), 1, 0, 1),
        ];

        CsvRows.AssertAllocateNothing(writer, i => writer.OnEquity(in points[i % points.Length]));
    }
}
