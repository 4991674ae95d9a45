namespace PalmKey.Tests.Imaging;

/// <summary>
/// Makes deterministic hostile variants of valid files: bit flips, byte overwrites, truncation,
/// duplicated and deleted segments, and a format-specific edit (huge, zero or odd sizes, duplicated chunks).
/// An optional repair step (PNG: recompute CRCs) runs after the mutations, so that they reach past
/// the integrity checks into the decoder proper.
/// </summary>
internal sealed class Mutator(
    Random random,
    Func<byte[], Random, (byte[] Data, string What)> formatEdit,
    Func<byte[], Random, (byte[] Data, string What)>? repair = null)
{
    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];

    public (byte[] Data, string What) Mutate(byte[] source)
    {
        var operations = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        var data = source;
        var what = new List<string>();
        for (var i = 0; i < operations; i++)
        {
            string step;
            (data, step) = MutateOnce(data);
            what.Add(step);
        }

        if (repair is not null)
        {
            string step;
            (data, step) = repair(data, random);
            what.Add(step);
        }

        return (data, string.Join(", then ", what));
    }

    private (byte[] Data, string What) MutateOnce(byte[] source)
    {
        if (source.Length == 0)
        {
            return (source, "empty");
        }

        var data = (byte[])source.Clone();
        switch (random.Next(7))
        {
            case 0:
                {
                    var flips = random.Next(1, 9);
                    var positions = new List<int>();
                    for (var i = 0; i < flips; i++)
                    {
                        var position = random.Next(data.Length);
                        data[position] ^= (byte)(1 << random.Next(8));
                        positions.Add(position);
                    }

                    return (data, $"flip bits at {string.Join(' ', positions)}");
                }

            case 1:
                {
                    var count = random.Next(1, 9);
                    var start = random.Next(data.Length);
                    for (var i = start; i < Math.Min(data.Length, start + count); i++)
                    {
                        data[i] = random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
                    }

                    return (data, $"overwrite {count} bytes at {start}");
                }

            case 2:
                {
                    var length = random.Next(data.Length);
                    return (data[..length], $"truncate to {length}");
                }

            case 3:
                {
                    var start = random.Next(data.Length);
                    var length = Math.Min(random.Next(1, 128), data.Length - start);
                    var at = random.Next(data.Length + 1);
                    return ([.. data[..at], .. data.AsSpan(start, length), .. data[at..]], $"copy {length} bytes from {start} to {at}");
                }

            case 4:
                {
                    var start = random.Next(data.Length);
                    var length = Math.Min(random.Next(1, 64), data.Length - start);
                    return ([.. data[..start], .. data[(start + length)..]], $"delete {length} bytes at {start}");
                }

            default:
                return formatEdit(data, random);
        }
    }
}
