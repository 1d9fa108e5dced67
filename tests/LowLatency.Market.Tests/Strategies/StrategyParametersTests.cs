using LowLatency.Market.Strategies;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Strategies;

public sealed class StrategyParametersTests
{
    private const string CommandLine = "--strategy-param {0}";

    [Theory]
    [InlineData("42", 42)]
    [InlineData(" 42 ", 42)]
    [InlineData("1_000", 1_000)]
    [InlineData("+7", 7)]
    [InlineData("-10", -10)]
    public void Int32_ValidText_Parsed(string text, int expected)
    {
        Assert.Equal(expected, Of(("n", text)).Int32("n", 0, -10, 10_000, "a number"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("1,000")]
    public void Int32_BadOrOutOfRange_OneLineNamingTheKeyAsGiven(string text)
    {
        StrategyParameters parameters = Of(CommandLine, ("entry-bps", text));

        var ex = Assert.Throws<StrategyParameterException>(() => parameters.Int32("entry-bps", 5, 1, 10_000, "entry"));

        AssertMessage($"--strategy-param entry-bps: must be a whole number, 1 to 10_000 (got '{text}').", ex);
    }

    [Fact]
    public void Int64_OpenRange_MessageSaysOnlyTheBoundThereIs()
    {
        AssertMessage("a: must be a whole number (got 'x').",
            Assert.Throws<StrategyParameterException>(() => Of(("a", "x")).Int64("a", 0, long.MinValue, long.MaxValue, "")));
        AssertMessage("b: must be a whole number, at least 0 (got '-1').",
            Assert.Throws<StrategyParameterException>(() => Of(("b", "-1")).Int64("b", 0, 0, long.MaxValue, "")));
        AssertMessage("c: must be a whole number, at most 1_000_000 (got '1_000_001').",
            Assert.Throws<StrategyParameterException>(() => Of(("c", "1_000_001")).Int64("c", 0, long.MinValue, 1_000_000, "")));
        Assert.Equal(long.MinValue, Of(("d", "-9223372036854775808")).Int64("d", 0, long.MinValue, long.MaxValue, ""));
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("1_000.25", "1000.25")]
    [InlineData(" 10000 ", "10000")]
    [InlineData("0.00000001", "0.00000001")]
    public void FixedPoint_ValidText_ExactValue(string text, string expected)
    {
        Assert.Equal(FixedPoint.Parse(expected), Of(("order-notional", text)).FixedPoint("order-notional", 10_000m, 0.00000001m, 1_000_000_000m, ""));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Of(("x", text)).Decimal("x", 1m, 0m, 1_000_000_000m, ""));
    }

    [Theory]
    [InlineData("0.000000001")]  // 9 decimals
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("1000000000.00000001")]
    [InlineData("ten")]
    public void FixedPoint_BadOrOutOfRange_OneLineNamingTheKey(string text)
    {
        StrategyParameters parameters = Of(("OrderNotional", text));

        var ex = Assert.Throws<StrategyParameterException>(() => parameters.FixedPoint("order-notional", 10_000m, 0.00000001m, 1_000_000_000m, ""));

        AssertMessage($"OrderNotional: must be a decimal number with at most 8 decimals, 0.00000001 to 1000000000 (got '{text}').", ex);
    }

    [Fact]
    public void Decimal_HugeValueWithAnOpenRange_ReadWithoutOverflow()
    {
        // 10^21 × 10^8 is past decimal's range: the 8-decimals check must not multiply on the way.
        StrategyParameters parameters = Of(CommandLine, ("threshold", "1000000000000000000000"));

        Assert.Equal(1_000_000_000_000_000_000_000m, parameters.Decimal("threshold", 0m, decimal.MinValue, decimal.MaxValue, ""));
    }

    [Fact]
    public void FixedPoint_InRangeButBeyondFixedPoint_ParameterErrorNamingTheKey()
    {
        // A declared range wider than FixedPoint holds (±92 233 720 368.54775807): the value must be refused by name.
        StrategyParameters parameters = Of(CommandLine, ("max-notional", "100000000000"));

        var ex = Assert.Throws<StrategyParameterException>(() => parameters.FixedPoint("max-notional", 0m, 0m, 1_000_000_000_000m, ""));

        Assert.StartsWith("--strategy-param max-notional: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(" (got '100000000000').", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalFixedPoint_AbsentOrGiven_NullOrValue()
    {
        Assert.Null(Of().OptionalFixedPoint("buy-below", 0.00000001m, 1_000_000_000m, ""));
        Assert.Equal(P(150.25m), Of(("buy_below", "150.25")).OptionalFixedPoint("buy-below", 0.00000001m, 1_000_000_000m, ""));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData(" on ", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void Boolean_Words_Parsed(string text, bool expected)
    {
        Assert.Equal(expected, Of(("allow-short", text)).Boolean("allow-short", !expected, ""));
    }

    [Fact]
    public void Boolean_OtherWord_OneLineNamingTheKey()
    {
        AssertMessage("--strategy-param allow-short: must be true or false (got 'maybe').",
            Assert.Throws<StrategyParameterException>(() => Of(CommandLine, ("allow-short", "maybe")).Boolean("allow-short", true, "")));
    }

    [Fact]
    public void DurationNs_TextOrDefault_Nanoseconds()
    {
        const long Min = 1_000_000, Max = 86_400_000_000_000;

        Assert.Equal(250_000_000, Of(("lookback", "250ms")).DurationNs("lookback", 30_000_000_000, Min, Max, ""));
        Assert.Equal(30_000_000_000, Of().DurationNs("lookback", 30_000_000_000, Min, Max, ""));
        AssertMessage("lookback: must be a duration like 500ms, 30s, 5m, 1ms to 24h (got 'fast').",
            Assert.Throws<StrategyParameterException>(() => Of(("lookback", "fast")).DurationNs("lookback", 30_000_000_000, Min, Max, "")));
        AssertMessage("lookback: must be a duration like 500ms, 30s, 5m, 1ms to 24h (got '999us').",
            Assert.Throws<StrategyParameterException>(() => Of(("lookback", "999us")).DurationNs("lookback", 30_000_000_000, Min, Max, "")));
    }

    [Fact]
    public void Text_GivenOrDefault_AsWritten()
    {
        Assert.Equal(" Mixed Case ", Of(("mode", " Mixed Case ")).Text("mode", "x", ""));
        Assert.Equal("x", Of().Text("mode", "x", ""));
    }

    [Theory]
    [InlineData("entry-bps")]
    [InlineData("EntryBps")]
    [InlineData("entry_bps")]
    [InlineData("ENTRY.BPS")]
    [InlineData(" entry bps ")]
    public void Keys_CaseDashesUnderscoresDotsSpaces_Ignored(string key)
    {
        StrategyParameters parameters = Of((key, "7"));

        Assert.Equal(7, parameters.Int32("entry-bps", 5, 1, 10_000, ""));
        parameters.ThrowIfUnread("s");
        Assert.Equal("entrybps", StrategyParameters.NormalizeKey(key));
    }

    [Fact]
    public void Constructor_SameKeyTwice_ThrowsNamingBothSpellings()
    {
        var ex = Assert.Throws<StrategyParameterException>(() => Of(CommandLine, ("entry-bps", "1"), ("EntryBps", "2")));

        AssertMessage("--strategy-param EntryBps: given twice (also as 'entry-bps').", ex);
    }

    [Fact]
    public void Constructor_KeyWithoutName_Throws()
    {
        AssertMessage("--strategy-param -_: a parameter needs a name (key=value).",
            Assert.Throws<StrategyParameterException>(() => Of(CommandLine, ("-_", "1"))));
    }

    [Fact]
    public void Constructor_NullValue_Ignored()
    {
        StrategyParameters parameters = Of(("entry-bps", null), ("EntryBps", "3"));

        Assert.Equal(3, parameters.Int32("entry-bps", 5, 1, 10_000, ""));
        Assert.Equal([new KeyValuePair<string, string>("EntryBps", "3")], parameters.Given);
    }

    [Fact]
    public void ThrowIfUnread_NearMiss_DidYouMeanTheDeclaredName()
    {
        StrategyParameters parameters = Of("LowLatency:Strategy:Parameters:{0}", ("entry-bsp", "3"));
        VwapMeanReversionStrategy.Create(parameters, new StrategySetup(new SymbolTable(4)));

        var ex = Assert.Throws<StrategyParameterException>(() => parameters.ThrowIfUnread("vwap-mean-reversion"));

        AssertMessage(
            "LowLatency:Strategy:Parameters:entry-bsp: strategy 'vwap-mean-reversion' has no parameter 'entry-bsp' " +
            "(it takes entry-bps, exit-bps, stop-bps, order-notional, order-quantity, allow-short); did you mean 'entry-bps'?", ex);
    }

    [Fact]
    public void ThrowIfUnread_FarOffOrNoneDeclared_NoGuess()
    {
        StrategyParameters parameters = Of(("colour", "red"));
        ThresholdStrategy.Create(parameters, new StrategySetup(new SymbolTable(4)));

        AssertMessage(
            "colour: strategy 'threshold' has no parameter 'colour' " +
            "(it takes buy-below-bps, sell-above-bps, buy-below, sell-above, order-notional, order-quantity, max-orders).",
            Assert.Throws<StrategyParameterException>(() => parameters.ThrowIfUnread("threshold")));
        AssertMessage("x: strategy 'none' has no parameter 'x' (it takes none).",
            Assert.Throws<StrategyParameterException>(() => Of(("x", "1")).ThrowIfUnread("none")));
    }

    [Fact]
    public void OverriddenBy_CommandLineOverSettingsFile_LaterWinsAndKeepsItsSpelling()
    {
        StrategyParameters file = Of("settings.json: {0}", ("entry-bps", "7"), ("exit-bps", "2"));

        StrategyParameters merged = file.OverriddenBy(Of(CommandLine, ("EntryBps", "9")));
        StrategyParameters bad = file.OverriddenBy(Of(CommandLine, ("entry_bps", "abc")));

        Assert.Equal((9, 2), (merged.Int32("entry-bps", 5, 1, 10_000, ""), merged.Int32("exit-bps", 0, 0, 9_999, "")));
        Assert.Equal([("EntryBps", "9"), ("exit-bps", "2")], merged.Given.Select(g => (g.Key, g.Value)).OrderBy(g => g.Key, StringComparer.Ordinal));
        AssertMessage("--strategy-param entry_bps: must be a whole number, 1 to 10_000 (got 'abc').",
            Assert.Throws<StrategyParameterException>(() => bad.Int32("entry-bps", 5, 1, 10_000, "")));
        AssertMessage("settings.json: exit-bps: must be a whole number, 0 to 1 (got '2').",
            Assert.Throws<StrategyParameterException>(() => bad.Int32("exit-bps", 0, 0, 1, "")));
        Assert.Equal(7, file.Int32("entry-bps", 5, 1, 10_000, "")); // the original is unchanged
    }

    [Fact]
    public void Error_BetweenParameters_NamesTheKeyAsGivenOrByName()
    {
        StrategyParameters parameters = Of(CommandLine, ("ExitBps", "9"));

        AssertMessage("--strategy-param ExitBps: must be below entry-bps.", parameters.Error("exit-bps", "must be below entry-bps."));
        AssertMessage("entry-bps: must be above exit-bps.", parameters.Error("entry-bps", "must be above exit-bps."));
    }

    [Fact]
    public void Declared_ReadTwice_ListedOnceInReadingOrder()
    {
        StrategyParameters parameters = Of();
        parameters.Int32("b-value", 5, 1, 10_000, "first");
        parameters.Boolean("a-flag", true, "second");
        parameters.Int32("B_Value", 6, 1, 10, "again");
        parameters.DurationNs("wait", 0, 0, long.MaxValue, "third");
        parameters.OptionalFixedPoint("level", 0.5m, 100m, "fourth");

        Assert.Equal(
        [
            new StrategyParameterInfo("b-value", "whole number", "5", "1 to 10_000", "first"),
            new StrategyParameterInfo("a-flag", "true/false", "true", "", "second"),
            new StrategyParameterInfo("wait", "duration", "0s", "at least 0s", "third"),
            new StrategyParameterInfo("level", "decimal", "", "0.5 to 100", "fourth"),
        ], parameters.Declared);
    }

    private static StrategyParameters Of(params (string Key, string? Value)[] values) => Of("{0}", values);

    private static StrategyParameters Of(string keyFormat, params (string Key, string? Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)), keyFormat);

    private static void AssertMessage(string expected, Exception ex)
    {
        Assert.Equal(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }
}
