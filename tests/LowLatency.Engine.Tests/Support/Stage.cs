namespace LowLatency.Engine.Tests.Support;

/// <summary>The marks a <see cref="StageHandler"/> writes into, or requires in, a <see cref="TestEvent"/>.</summary>
[Flags]
internal enum Stage
{
    None = 0,
    A = 1,
    B = 2,
    C = 4,
}
