using LowLatency.Market.Trading;

namespace LowLatency.Market.Tests;

public sealed class SignalSinksTests
{
    [Fact]
    public void Combine_NoneOrOnlyNulls_Null()
    {
        Assert.Null(SignalSinks.Combine());
        Assert.Null(SignalSinks.Combine(null, null));
    }

    [Fact]
    public void Combine_OneSink_ThatSink()
    {
        var sink = new Recorder("a", []);

        Assert.Same(sink, SignalSinks.Combine(null, sink));
    }

    [Fact]
    public void Combine_Several_EachGetsEverySignalAndFillInTurn()
    {
        var calls = new List<string>();
        ISignalSink? combined = SignalSinks.Combine(new Recorder("a", calls), null, new Recorder("b", calls));

        combined!.OnSignal(new Signal(new SymbolId(0), SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(2), 3, 4, 5));
        combined.OnFill(new Fill(new SymbolId(0), SignalSide.Buy, FixedPoint.FromInt(1), FixedPoint.FromInt(2), 3, 6, 4, 5, FixedPoint.FromInt(1), 0));

        Assert.Equal(["a signal 4", "b signal 4", "a fill 6", "b fill 6"], calls);
    }

    [Fact]
    public void Combine_Several_EachGetsEveryEquityPointEvenWhenOneThrows()
    {
        var calls = new List<string>();
        ISignalSink? combined = SignalSinks.Combine(new Recorder("a", calls), new Thrower("full"), new Recorder("b", calls));

        var ex = Assert.Throws<InvalidOperationException>(() => combined!.OnEquity(new EquityPoint(42, EquityCause.Interval, 1, 0, 0, 0)));

        Assert.Equal("full", ex.Message);
        Assert.Equal(["a equity 42", "b equity 42"], calls);
    }

    [Fact]
    public void Combine_ASinkThrows_TheOthersStillGetItThenTheFirstErrorIsRethrown()
    {
        var calls = new List<string>();
        ISignalSink? combined = SignalSinks.Combine(new Thrower("full"), new Recorder("a", calls), new Thrower("second"), new Recorder("b", calls));
        var signal = new Signal(new SymbolId(0), SignalSide.Sell, FixedPoint.FromInt(1), FixedPoint.FromInt(2), 3, 7, 5);

        var ex = Assert.Throws<InvalidOperationException>(() => combined!.OnSignal(signal));

        Assert.Equal("full", ex.Message);
        Assert.Equal(["a signal 7", "b signal 7"], calls);
    }

    private sealed class Thrower(string message) : ISignalSink
    {
        public void OnSignal(in Signal signal) => throw new InvalidOperationException(message);

        public void OnFill(in Fill fill) => throw new InvalidOperationException(message);

        public void OnEquity(in EquityPoint point) => throw new InvalidOperationException(message);
    }

    private sealed class Recorder(string name, List<string> calls) : ISignalSink
    {
        public void OnSignal(in Signal signal) => calls.Add($"{name} signal {signal.Sequence}");

        public void OnFill(in Fill fill) => calls.Add($"{name} fill {fill.Sequence}");

        public void OnEquity(in EquityPoint point) => calls.Add($"{name} equity {point.TimestampNs}");
    }
}
