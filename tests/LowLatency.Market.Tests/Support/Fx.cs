namespace LowLatency.Market.Tests.Support;

/// <summary>Short constructors for test data.</summary>
internal static class Fx
{
    public static FixedPoint P(decimal value) => FixedPoint.FromDecimal(value);

    public static decimal D(FixedPoint value) => value.ToDecimal();

    /// <summary>Round half away from zero to 8 decimals: the raw-unit rounding the stages document.</summary>
    public static decimal Round8(decimal value) => Math.Round(value, FixedPoint.Decimals, MidpointRounding.AwayFromZero);
}
