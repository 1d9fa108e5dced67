namespace LowLatency.Engine;

/// <summary>A handler threw: which handler, at which sequence (-1 for OnStart/OnShutdown), and what.</summary>
public readonly record struct HandlerFault(string HandlerName, long Sequence, Exception Exception, ExceptionPolicy Policy);
