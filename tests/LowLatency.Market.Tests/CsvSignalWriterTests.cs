using System.Globalization;
using System.Text;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests;

public sealed class CsvSignalWriterTests
{
    private readonly SymbolTable _symbols = TestSymbols.AaplAndMsft();
    private readonly SymbolId _aapl = TestSymbols.Aapl;
    private readonly SymbolId _msft = TestSymbols.Msft;

    [Fact]
    public void OnSignal_FewRows_ExactBytes()
    {
        var stream = new MemoryStream();
        using (var writer = new CsvSignalWriter(stream, _symbols, StrategyReasons.Of<ThresholdStrategy>()))
        {
            writer.OnSignal(new Signal(_aapl, SignalSide.Buy, P(59m), P(167.42m), 1_381_152_600_123_456_789, 12, ThresholdStrategy.BelowBuyLevel));
            writer.OnSignal(new Signal(_msft, SignalSide.Sell, P(0.16m), P(61_707.5m), 1_381_152_600_123_456_790, 13, ThresholdStrategy.AboveSellLevel, OrderType.Limit));
            writer.OnSignal(new Signal(_aapl, SignalSide.Sell, P(7_200m), P(1.38600001m), 0, 14, 77));
            ((ISignalSink)writer).OnFill(default); // fills are not signals
            Assert.Equal(3, writer.Rows);
        }

        Assert.Equal(
            "sequence,timestamp_ns,symbol,side,type,quantity,price,reason\n" +
            "12,1381152600123456789,AAPL,buy,market,59,167.42,below_buy_level\n" +
            "13,1381152600123456790,MSFT,sell,limit,0.16,61707.5,above_sell_level\n" +
            "14,0,AAPL,sell,market,7200,1.38600001,unknown\n",
            Encoding.UTF8.GetString(stream.ToArray())); // ToArray still works once the writer closed it
    }

    [Fact]
    public void Dispose_NoSignals_HeaderOnly()
    {
        var stream = new MemoryStream();
        new CsvSignalWriter(stream, _symbols, StrategyReasons.Of<ThresholdStrategy>()).Dispose();

        Assert.Equal(CsvSignalWriter.Header + "\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void OnSignal_ManyRowsWithLongNames_SameBytesAsReference()
    {
        var symbols = new SymbolTable();
        SymbolId[] ids = [symbols.GetOrAdd(new string('X', 300)), symbols.GetOrAdd("ÄÖÜ-€"), symbols.GetOrAdd("S")];
        StrategyReasons reasons = StrategyReasons.Of<ScriptedStrategy>();
        var stream = new MemoryStream();
        var expected = new StringBuilder(CsvSignalWriter.Header + "\n");
        using (var writer = new CsvSignalWriter(stream, symbols, reasons))
        {
            for (int i = 0; i < 5_000; i++)
            {
                var signal = new Signal(ids[i % 3], i % 2 == 0 ? SignalSide.Buy : SignalSide.Sell, FixedPoint.FromRaw(i * 12_345L),
                    FixedPoint.FromRaw(long.MaxValue - i), i * 1_000_003L, i, (byte)i, i % 5 == 0 ? OrderType.Limit : OrderType.Market);
                writer.OnSignal(signal);
                expected.Append(CultureInfo.InvariantCulture,
                    $"{i},{signal.TimestampNs},{symbols.GetName(signal.Symbol)},{(i % 2 == 0 ? "buy" : "sell")},{(i % 5 == 0 ? "limit" : "market")},")
                    .Append(CultureInfo.InvariantCulture, $"{D(signal.Quantity):0.########},{D(signal.Price):0.########},r{(byte)i}\n");
            }
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        StrategyReasons reasons = StrategyReasons.Of<ThresholdStrategy>();
        Assert.Throws<ArgumentNullException>(() => new CsvSignalWriter(null!, _symbols, reasons));
        Assert.Throws<ArgumentNullException>(() => new CsvSignalWriter(Stream.Null, null!, reasons));
        Assert.Throws<ArgumentNullException>(() => new CsvSignalWriter(Stream.Null, _symbols, null!));
    }

    [Fact]
    public void OnSignal_SteadyState_AllocatesNothingPerRow()
    {
        using var writer = new CsvSignalWriter(Stream.Null, _symbols, StrategyReasons.Of<ThresholdStrategy>());
        var buy = new Signal(_aapl, SignalSide.Buy, P(59m), P(167.42m), 1_381_152_600_123_456_789, 12, ThresholdStrategy.BelowBuyLevel);
        var sell = new Signal(_msft, SignalSide.Sell, P(0.16m), P(61_707.5m), 1_381_152_600_123_456_790, 13, ThresholdStrategy.AboveSellLevel, OrderType.Limit);

        CsvRows.AssertAllocateNothing(writer, i => writer.OnSignal(in (i % 2 == 0 ? ref buy : ref sell)));
    }
}
