using System.Collections;
using System.Reflection;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// For finding what a circuit holds (BENCHMARK_CENSUS=1): counts, per component type, the components of every open
/// circuit and the render-tree frames each keeps (frames are 40 bytes; a component keeps at least 32, its tree's
/// array doubles as it grows). Reads the framework's internals by reflection, so it is a diagnostic of the
/// benchmark only: when a new .NET renames a field, it prints that it cannot look instead of failing the run.
/// </summary>
public static class RenderTreeCensus
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static void Print(IServiceProvider services, int circuits)
    {
        try
        {
            var registryType = Type.GetType("Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
            var registry = services.GetService(registryType) ?? throw new InvalidOperationException("no circuit registry");
            var connected = (IDictionary)Field(registry, "<ConnectedCircuits>k__BackingField", "ConnectedCircuits");
            var byType = new Dictionary<string, (int Components, long FrameSlots, int FramesInUse)>();
            foreach (DictionaryEntry entry in connected)
            {
                var renderer = Property(entry.Value!, "Renderer");
                var states = (IDictionary)Field(renderer, "_componentStateById");
                foreach (DictionaryEntry state in states)
                {
                    var component = Property(state.Value!, "Component");
                    // The tree shown and the one before it (kept until the next render), each an ArrayRange<RenderTreeFrame>
                    // read by reflection: the framework asks code outside it not to name the type.
                    var (slots, inUse) = Frames(Property(state.Value!, "CurrentRenderTree"));
                    var (previousSlots, _) = Frames(Field(state.Value!, "_nextRenderTree"));
                    slots += previousSlots;
                    var name = Readable(component.GetType());
                    byType.TryGetValue(name, out var sum);
                    byType[name] = (sum.Components + 1, sum.FrameSlots + slots, sum.FramesInUse + inUse);
                }
            }
            var n = Math.Max(1, circuits);
            Console.WriteLine($"  Render trees of {connected.Count} circuits, per circuit: components, frame slots of this and the previous render (KB), frames in use");
            foreach (var (name, sum) in byType.OrderByDescending(p => p.Value.FrameSlots).Take(40))
                Console.WriteLine($"    {sum.Components / (double)n,6:0.0} {sum.FrameSlots * 40 / 1024.0 / n,8:0.0} KB {sum.FramesInUse / (double)n,7:0}  {name}");
            Console.WriteLine($"    {byType.Values.Sum(v => v.Components) / (double)n,6:0.0} {byType.Values.Sum(v => v.FrameSlots) * 40 / 1024.0 / n,8:0.0} KB {byType.Values.Sum(v => v.FramesInUse) / (double)n,7:0}  in all");
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or TypeLoadException or InvalidCastException or TargetInvocationException)
        {
            Console.WriteLine($"  (render-tree census unavailable on this .NET: {e.Message})");
        }
    }

    private static (int Slots, int InUse) Frames(object tree)
    {
        var frames = tree.GetType().GetMethod("GetFrames")!.Invoke(tree, null)!;
        return (((Array)frames.GetType().GetField("Array")!.GetValue(frames)!).Length, (int)frames.GetType().GetField("Count")!.GetValue(frames)!);
    }

    private static object Field(object target, params string[] names)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
            foreach (var name in names)
                if (type.GetField(name, Any) is { } field) return field.GetValue(target) ?? throw new InvalidOperationException($"{name} is null");
        throw new InvalidOperationException($"no field {names[0]} on {target.GetType().Name}");
    }

    private static object Property(object target, string name) =>
        target.GetType().GetProperty(name, Any)?.GetValue(target) ?? throw new InvalidOperationException($"no property {name} on {target.GetType().Name}");

    private static string Readable(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Readable))}>"
        : type.Name;
}
