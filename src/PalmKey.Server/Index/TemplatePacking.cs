namespace PalmKey.Server.Index;

/// <summary>A palm's capture templates as stored (before encryption): the serialized templates one after another.</summary>
internal static class TemplatePacking
{
    public static byte[] Pack(IReadOnlyList<PalmTemplate> captures)
    {
        var size = PalmTemplate.SerializedLength;
        var packed = new byte[captures.Count * size];
        for (var i = 0; i < captures.Count; i++)
        {
            captures[i].ToBytes().CopyTo(packed, i * size);
        }

        return packed;
    }

    /// <exception cref="TemplateFormatException">The bytes are not <paramref name="count"/> templates of this engine.</exception>
    public static PalmTemplate[] Unpack(ReadOnlySpan<byte> packed, int count)
    {
        var size = PalmTemplate.SerializedLength;
        if (count < 1 || packed.Length != count * size)
        {
            throw new TemplateFormatException($"Expected {count} templates of {size} bytes, got {packed.Length} bytes.");
        }

        var captures = new PalmTemplate[count];
        for (var i = 0; i < count; i++)
        {
            captures[i] = PalmTemplate.FromBytes(packed.Slice(i * size, size));
        }

        return captures;
    }
}
