using System.Diagnostics;

namespace ModelWatch.Tests.Architecture.ReaderFixture;

/// <summary>
/// One nested type per way a type can reference another (<c>Via*</c>), each naming its target in that
/// way only, for <see cref="TypeDependencyReaderTests"/>.
/// </summary>
public static class ReferenceKinds
{
    public enum TargetKind : byte
    {
        First,
        Second,
    }

    public interface ITarget
    {
        int Count { get; }
    }

    public class Target
    {
        public static readonly Target Shared = new();

        public static Target Create() => new();
    }

    public struct TargetValue
    {
        public int Count { get; set; }
    }

    [AttributeUsage(AttributeTargets.All)]
    public sealed class TargetAttribute : Attribute;

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class KindAttribute(TargetKind kind) : Attribute
    {
        public TargetKind Kind { get; } = kind;
    }

    public sealed class TargetException : Exception
    {
        public TargetException()
        {
        }

        public TargetException(string message)
            : base(message)
        {
        }

        public TargetException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    public sealed class ViaNothing
    {
        public static int Answer() => 42;
    }

    public class ViaBaseType : Target;

    public sealed class ViaInterface : ITarget
    {
        public int Count => 1;
    }

    public sealed class ViaTypeConstraint<T>
        where T : Target;

    public sealed class ViaMethodConstraint
    {
        public static string Name<T>()
            where T : Target => "t";
    }

    public sealed class ViaGenericArgumentInProperty
    {
        public IReadOnlyList<Target>? Items { get; set; }
    }

    public sealed class ViaParameter
    {
        public static void Accept(Target target) => GC.KeepAlive(target);
    }

    public sealed class ViaReturnType
    {
        public static Target? Nothing() => null;
    }

    public sealed class ViaEvent
    {
        public static event Action<Target>? Changed
        {
            add { }
            remove { }
        }
    }

    [Target]
    public sealed class ViaAttributeOnType;

    [DebuggerTypeProxy(typeof(Target))]
    public sealed class ViaTypeofArgument;

    [Kind(TargetKind.Second)]
    public sealed class ViaEnumArgument;

    public sealed class ViaNewobj
    {
        public static object Make() => new Target();
    }

    public sealed class ViaStaticCall
    {
        public static object Make() => Target.Create();
    }

    public sealed class ViaStaticField
    {
        public static object Read() => Target.Shared;
    }

    public sealed class ViaIsinst
    {
        public static bool Test(object value) => value is Target;
    }

    public sealed class ViaCastclass
    {
        public static object Cast(object value) => (Target)value;
    }

    public sealed class ViaBox
    {
        public static object Box() => new TargetValue();
    }

    public sealed class ViaLdtoken
    {
        public static Type Type() => typeof(Target);
    }

    public sealed class ViaNewarr
    {
        public static object Make() => new Target[3];
    }

    public sealed class ViaGenericMethodArgument
    {
        public static object Make() => Array.Empty<Target>();
    }

    public sealed class ViaCatch
    {
        public static bool Run(Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (TargetException)
            {
                return false;
            }
        }
    }

    public sealed class ViaLambda
    {
        public static Func<object> Later() => () => new Target();
    }

    public sealed class ViaMethodGroup
    {
        public static Func<object> Later() => Target.Create;
    }

    public sealed class ViaAsync
    {
        public static async Task<object> MakeAsync()
        {
            await Task.Yield();
            return new Target();
        }
    }

    public sealed class ViaIterator
    {
        public static IEnumerable<object> Make()
        {
            yield return new Target();
        }
    }

    public sealed class ViaNestedType
    {
        public sealed class Inner;
    }
}
