using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ModelWatch.Tests.Architecture;

/// <summary>
/// Walks a method body's IL and yields the metadata token of every instruction that has one
/// (<c>call</c>, <c>callvirt</c>, <c>newobj</c>, <c>ldfld</c>, <c>stsfld</c>, <c>ldtoken</c>, <c>box</c>,
/// <c>castclass</c>, <c>isinst</c>, <c>initobj</c>, <c>newarr</c>, <c>ldftn</c>, <c>constrained.</c>, <c>calli</c>…).
/// </summary>
/// <remarks>
/// Operand sizes come from the runtime's own opcode table (<see cref="OpCodes"/>), so every
/// instruction is stepped over exactly; an opcode missing from that table stops the walk with an
/// exception rather than misreading the rest of the body. String tokens (<c>ldstr</c>) are skipped.
/// </remarks>
internal static class IlTokens
{
    private const byte TwoBytePrefix = 0xFE;

    private static readonly OpCode?[] OneByte = Table(twoBytes: false);
    private static readonly OpCode?[] TwoByte = Table(twoBytes: true);

    /// <summary>The tokens in IL order.</summary>
    public static IReadOnlyList<EntityHandle> Read(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            byte first = il.ReadByte();
            var opCode = first == TwoBytePrefix ? TwoByte[il.ReadByte()] : OneByte[first];
            if (opCode is not { } op)
            {
                throw new BadImageFormatException($"Unknown IL opcode 0x{first:X2} at offset {offset}.");
            }

            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.ShortInlineR:
                case OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                case OperandType.InlineSig:
                    tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    throw new BadImageFormatException($"Opcode {op.Name} has operand type {op.OperandType}, which the reader does not know.");
            }
        }

        return tokens;
    }

    /// <summary>The one- or two-byte opcodes, indexed by their last byte.</summary>
    private static OpCode?[] Table(bool twoBytes)
    {
        var table = new OpCode?[256];
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var opCode = (OpCode)field.GetValue(null)!;
            if (opCode.Size == (twoBytes ? 2 : 1))
            {
                table[opCode.Value & 0xFF] = opCode;
            }
        }

        return table;
    }
}
