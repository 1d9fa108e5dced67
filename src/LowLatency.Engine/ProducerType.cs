namespace LowLatency.Engine;

/// <summary>Which sequencer claims slots: one publishing thread, or any number of them.</summary>
public enum ProducerType
{
    /// <summary>Exactly one thread publishes: claims are plain increments, no atomic instructions.</summary>
    Single,

    /// <summary>Any number of threads publish: claims use an atomic add and slots carry a published flag.</summary>
    Multi,
}
