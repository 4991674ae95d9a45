using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class Crc32CTests
{
    [Fact]
    public void The_standard_check_value_comes_out()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32C.Finish(Crc32C.UpdateScalar(Crc32C.Initial, "123456789"u8)));
    }

    [Fact]
    public void The_hardware_path_matches_the_table_at_every_length_and_split()
    {
        var data = new byte[70];
        new Random(3).NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
        {
            var expected = Crc32C.UpdateScalar(Crc32C.Initial, data.AsSpan(0, length));
            Assert.Equal(expected, Crc32C.Update(Crc32C.Initial, data.AsSpan(0, length)));
            for (var split = 0; split <= length; split += 5)
            {
                var state = Crc32C.Update(Crc32C.Update(Crc32C.Initial, data.AsSpan(0, split)), data.AsSpan(split, length - split));
                Assert.Equal(expected, state);
            }
        }
    }
}
