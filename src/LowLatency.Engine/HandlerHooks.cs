using System.Reflection;

namespace LowLatency.Engine;

/// <summary>
/// Which optional hooks of <see cref="IEventHandler{T}"/> a handler struct implements. A handler that does not
/// implement one is never called for it: calling an interface's default body on a struct would box the struct on
/// every call. Wrappers that forward hooks to an inner handler check these first for the same reason.
/// </summary>
public static class HandlerHooks<T, THandler>
    where T : unmanaged
    where THandler : struct, IEventHandler<T>
{
    /// <summary>True when <typeparamref name="THandler"/> implements <see cref="IEventHandler{T}.OnBatchStart"/>.</summary>
    public static readonly bool HasBatchStart = Implements(nameof(IEventHandler<T>.OnBatchStart));

    /// <summary>True when <typeparamref name="THandler"/> implements <see cref="IEventHandler{T}.OnTimeout"/>.</summary>
    public static readonly bool HasTimeout = Implements(nameof(IEventHandler<T>.OnTimeout));

    private static bool Implements(string method)
    {
        InterfaceMapping map = typeof(THandler).GetInterfaceMap(typeof(IEventHandler<T>));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == method)
            {
                return map.TargetMethods[i].DeclaringType == typeof(THandler);
            }
        }

        return false;
    }
}
