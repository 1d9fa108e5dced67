namespace LowLatency.StrategySample;

/// <summary>Why <see cref="MomentumStrategy"/> traded: the reason codes it puts in its orders.</summary>
public enum MomentumReason : byte
{
    /// <summary>The fair price rose by the entry distance: long.</summary>
    Up = 1,

    /// <summary>The fair price fell by the entry distance: short.</summary>
    Down = 2,

    /// <summary>The move faded under the exit distance: flat.</summary>
    Faded = 3,
}
