namespace LowLatency.Engine;

/// <summary>Gives the pipeline a processor's barrier without knowing its handler type.</summary>
internal interface IBarrierOwner
{
    SequenceBarrier Barrier { get; }
}
