using System.Runtime.CompilerServices;
using Ekopz.Domain.Common;
using JasperFx.Events.Projections;

namespace Ekopz.Projections;

/// <summary>
/// Which events a domain fold (<c>static T? Evolve(T? state, object @event)</c>) reacts to, so a projection can
/// declare them with <c>IncludeType</c> and Marten loads nothing for the events it ignores (issue 13 measured 18
/// needless document loads per deposit). The list is read from the fold itself, so it cannot drift from it: each
/// event type of the domain is shown to the fold, uninitialised, once with no state and once with a stand-in state;
/// a fold that answers anything but the state it was given (or fails on the empty event) handles it. The folds
/// only guard on the state, never on an event's fields (a test checks the lists: FoldEventsTests).
/// </summary>
public static class FoldEvents
{
    private static readonly Type[] DomainTypes = typeof(IDomainEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && !typeof(Delegate).IsAssignableFrom(t)
            && !t.Name.StartsWith('<'))
        .ToArray();

    public static IReadOnlyList<Type> HandledBy<T>(Func<T?, object, T?> fold) where T : class
    {
        var standIn = (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
        var handled = new List<Type>();
        foreach (var type in DomainTypes)
        {
            if (type == typeof(T)) continue;
            var probe = RuntimeHelpers.GetUninitializedObject(type);
            if (Changes(fold, null, probe) || Changes(fold, standIn, probe)) handled.Add(type);
        }
        return handled;
    }

    /// <summary>Declares on <paramref name="projection"/> every event <paramref name="fold"/> handles.</summary>
    public static void Declare<T>(IEventFilterable projection, Func<T?, object, T?> fold) where T : class
    {
        foreach (var type in HandledBy(fold)) projection.IncludeType(type);
    }

    private static bool Changes<T>(Func<T?, object, T?> fold, T? state, object probe) where T : class
    {
        try { return !ReferenceEquals(fold(state, probe), state); }
        catch (Exception) { return true; }
    }
}
