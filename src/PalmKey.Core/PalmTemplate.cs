using PalmKey.Engine;

namespace PalmKey;

/// <summary>
/// The palm signature of one capture: a 32x32 grid of line orientations at two filter scales,
/// 768 bytes of code, 788 bytes serialized (docs/template-format.md). It holds no image and the image
/// cannot be rebuilt from it. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// Make one with <see cref="PalmExtractor.Extract"/>, store it with <see cref="ToBytes"/>, load it with
/// <see cref="FromBytes"/>, and compare it with a <see cref="PalmMatcher"/>.
/// </remarks>
public sealed class PalmTemplate
{
    // The code, followed by zero words that let vector kernels read a whole vector past its end.
    private readonly uint[] _padded = new uint[CodeLayout.PaddedWords];

    internal PalmTemplate(ReadOnlySpan<uint> code)
    {
        if (code.Length != CodeLayout.Words)
        {
            throw new ArgumentException($"A code has {CodeLayout.Words} words, not {code.Length}.", nameof(code));
        }

        code.CopyTo(_padded);
    }

    /// <summary>The length of <see cref="ToBytes"/>'s output, in bytes.</summary>
    public static int SerializedLength => TemplateSerializer.Length;

    /// <summary>The algorithm version that made this template; templates of other versions cannot be compared with it.</summary>
    public static int AlgorithmVersion => CodeLayout.AlgorithmVersion;

    internal ReadOnlySpan<uint> Code => _padded.AsSpan(0, CodeLayout.Words);

    /// <summary>The code with <see cref="CodeLayout.Padding"/> zero words after it.</summary>
    internal uint[] PaddedCode => _padded;

    /// <summary>
    /// Reads a template written by <see cref="ToBytes"/>. Checks the magic, the format version, every
    /// algorithm parameter, the length and the CRC-32 checksum. Costs about a microsecond.
    /// </summary>
    /// <param name="data">Exactly the serialized template.</param>
    /// <returns>The template.</returns>
    /// <exception cref="TemplateFormatException">The data is not a template, is damaged, or was made with another format or other parameters.</exception>
    public static PalmTemplate FromBytes(ReadOnlySpan<byte> data) => new(TemplateSerializer.Read(data));

    /// <summary>Writes the template in the versioned binary format of docs/template-format.md.</summary>
    /// <returns>A new array of <see cref="SerializedLength"/> bytes.</returns>
    public byte[] ToBytes() => TemplateSerializer.Write(Code);
}
