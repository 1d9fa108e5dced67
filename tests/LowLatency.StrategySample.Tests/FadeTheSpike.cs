using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.StrategySample.Tests;

// The README's "Your own strategy" example, verbatim from the line that declares it.
public struct FadeTheSpike : IStrategy<FadeTheSpike>
{
    public const byte Spike = 1, Back = 2;           // reason codes, named by ReasonName

    private readonly int _bps;
    private readonly FixedPoint _quantity;

    public FadeTheSpike(int bps, FixedPoint quantity) => (_bps, _quantity) = (bps, quantity);

    public static string Name => "fade-the-spike";

    // Called once per run: declare every parameter with its default, range and help text.
    public static FadeTheSpike Create(StrategyParameters p, StrategySetup setup) => new(
        p.Int32("bps", 10, 1, 1_000, "distance from the rolling VWAP that counts as a spike"),
        p.FixedPoint("quantity", 100m, 0.00000001m, 1_000_000m, "units per order"));

    public static string ReasonName(byte reason) => reason == Spike ? "spike" : "back";

    public void OnTrade(ref StrategyContext c)
    {
        FixedPoint vwap = c.RollingVwap;                 // this symbol's, as of this trade
        long deviationBps = (c.Price.Raw - vwap.Raw) * 10_000 / vwap.Raw;
        if (c.Exposure.Raw == 0 && deviationBps >= _bps)
        {
            c.Sell(_quantity, Spike);                    // fills on the next trade, at the bid if quoted
        }
        else if (c.Position.Raw < 0 && c.OpenBuyQuantity.Raw == 0 && c.Price <= vwap)
        {
            c.Buy(_quantity, Back);
        }
    }

    public void OnQuote(ref StrategyContext c)
    {
    }
}
