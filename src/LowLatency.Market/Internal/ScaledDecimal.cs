namespace LowLatency.Market.Internal;

/// <summary>Converts scaled integers (value = raw / 10^scale) to <see cref="decimal"/> without going through double.</summary>
internal static class ScaledDecimal
{
    // decimal holds a 96-bit magnitude.
    private static readonly UInt128 s_maxMantissa = (UInt128.One << 96) - 1;

    /// <summary>
    /// Exact when |raw| fits in 96 bits; otherwise trailing digits are dropped (toward zero) until it fits.
    /// Throws <see cref="OverflowException"/> only when the integer part itself exceeds decimal's range.
    /// </summary>
    public static decimal ToDecimal(Int128 raw, int scale)
    {
        bool negative = raw < 0;
        UInt128 magnitude = negative ? (UInt128)(-(raw + 1)) + 1 : (UInt128)raw; // safe for Int128.MinValue
        while (magnitude > s_maxMantissa)
        {
            if (scale == 0)
            {
                ThrowHelper.ThrowOverflow("The value is outside the range of decimal.");
            }

            magnitude /= 10;
            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>Rounds numerator / denominator to the nearest integer, halves away from zero; denominator must be positive.</summary>
    public static Int128 DivideRounded(Int128 numerator, Int128 denominator)
    {
        if ((UInt128)numerator <= long.MaxValue && (UInt128)denominator <= long.MaxValue && denominator > 0)
        {
            // Both fit a long (the common case: quote mids, small volumes): one 64-bit division, not two 128-bit ones.
            (long quotient, long remainder) = Math.DivRem((long)numerator, (long)denominator);
            return remainder >= (long)denominator - remainder ? quotient + 1 : quotient; // halves up, as below
        }

        Int128 half = denominator >> 1; // denominator > 0: a shift, not a second 128-bit division
        return numerator >= 0 ? (numerator + half) / denominator : (numerator - half) / denominator;
    }
}
