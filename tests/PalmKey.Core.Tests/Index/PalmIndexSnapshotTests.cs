using System.Buffers.Binary;
using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class PalmIndexSnapshotTests
{
    [Fact]
    public void A_snapshot_round_trip_gives_identical_searches()
    {
        var index = Build();
        var loaded = PalmIndex.Load(new MemoryStream(Save(index)));
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.TemplateCount, loaded.TemplateCount);
        var options = new PalmSearchOptions { Candidates = 8 };
        for (var p = 0; p < SyntheticSet.Palms; p += 3)
        {
            var probe = SyntheticSet.Probe(p, 2);
            var before = index.Search(probe, options);
            var after = loaded.Search(probe, options);
            Assert.Equal(before.Candidates, after.Candidates);
            Assert.Equal(before.Decision, after.Decision);
        }

        // The loaded index takes writes like any other.
        Assert.True(loaded.Remove(SyntheticSet.Id(1)));
        loaded.Add(Guid.NewGuid(), [SyntheticSet.Template(1, 0), SyntheticSet.Template(1, 1)]);
        Assert.Equal(Save(index).Length, Save(loaded).Length);
    }

    [Fact]
    public void An_empty_index_round_trips()
    {
        var loaded = PalmIndex.Load(new MemoryStream(Save(new PalmIndex())));
        Assert.Equal(0, loaded.Count);
        Assert.Empty(loaded.Search(SyntheticSet.Probe(0, 0)).Candidates);
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_refused()
    {
        var data = Save(Build());
        var random = new Random(9);
        var positions = new List<int> { 0, 5, 17, 40, IndexSnapshot.HeaderLength, data.Length - 1, data.Length - 5 };
        positions.AddRange(Enumerable.Range(0, 40).Select(_ => random.Next(data.Length)));
        foreach (var position in positions)
        {
            var damaged = (byte[])data.Clone();
            damaged[position] ^= (byte)(1 << random.Next(8));
            var error = Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(damaged)));
            Assert.Contains("snapshot", error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_truncated_snapshot_is_refused()
    {
        var data = Save(Build());
        foreach (var length in new[] { 0, 3, 63, 64, 100, data.Length / 2, data.Length - 4, data.Length - 1 })
        {
            var error = Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(data, 0, length)));
            Assert.Contains("snapshot", error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Another_format_or_algorithm_version_is_refused_by_name()
    {
        var data = Save(Build());
        var version = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(4), 2);
        Reseal(version);
        Assert.Contains("format version 2", Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(version))).Message, StringComparison.Ordinal);

        var algorithm = (byte[])data.Clone();
        algorithm[6] = 9;
        Reseal(algorithm);
        Assert.Contains("algorithm version 9", Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(algorithm))).Message, StringComparison.Ordinal);

        var notSnapshot = (byte[])data.Clone();
        notSnapshot[0] = (byte)'X';
        Assert.Contains("Not a PalmIndex snapshot", Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(notSnapshot))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coarse_codes_of_another_coarse_version_are_recomputed()
    {
        var index = Build();
        var data = Save(index);
        data[7] = (byte)(data[7] + 1);
        Reseal(data);

        // Scramble the stored coarse codes (and fix the body checksum): they must not be used.
        var coarseStart = data.Length - 4 - (index.TemplateCount * CoarseCode.Words * sizeof(uint));
        new Random(2).NextBytes(data.AsSpan(coarseStart, data.Length - 4 - coarseStart));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(data.Length - 4), Crc32C.Compute(data.AsSpan(IndexSnapshot.HeaderLength, data.Length - 4 - IndexSnapshot.HeaderLength)));
        var loaded = PalmIndex.Load(new MemoryStream(data));
        loaded.Tuning = new SearchTuning(0.05, 4, 0.05, 2);
        Assert.Equal(SyntheticSet.Id(11), loaded.Search(SyntheticSet.Probe(11, 2)).Match?.Id);
    }

    [Fact]
    public void A_snapshot_with_longer_coarse_codes_of_an_earlier_version_loads_and_recomputes_them()
    {
        // Version 2 stored 16-word coarse codes; this build's are shorter.
        var index = Build();
        var current = Save(index);
        var coarseStart = current.Length - 4 - (index.TemplateCount * CoarseCode.Words * sizeof(uint));
        var old = new byte[coarseStart + (index.TemplateCount * 16 * sizeof(uint)) + 4];
        current.AsSpan(0, coarseStart).CopyTo(old);
        new Random(3).NextBytes(old.AsSpan(coarseStart, old.Length - 4 - coarseStart));
        old[7] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(10), 16);
        Reseal(old);
        BinaryPrimitives.WriteUInt32LittleEndian(old.AsSpan(old.Length - 4), Crc32C.Compute(old.AsSpan(IndexSnapshot.HeaderLength, old.Length - 4 - IndexSnapshot.HeaderLength)));
        var loaded = PalmIndex.Load(new MemoryStream(old));
        loaded.Tuning = new SearchTuning(0.05, 4, 0.05, 2);
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(SyntheticSet.Id(11), loaded.Search(SyntheticSet.Probe(11, 2)).Match?.Id);

        // The current version must declare this build's coarse length.
        old[7] = CoarseCode.Version;
        Reseal(old);
        Assert.Contains("coarse codes", Assert.Throws<TemplateFormatException>(() => PalmIndex.Load(new MemoryStream(old))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_file_read_on_several_threads_loads_the_same_index_and_damage_is_still_refused()
    {
        // Over two slot segments of codes, so that the threads split them; random codes keep it quick.
        var index = new PalmIndex();
        for (var p = 0; p < (2 * SlotSegment.Capacity) + 100; p++)
        {
            index.Add(SyntheticSet.Id(p), [new PalmTemplate(TestCodes.Random(p))]);
        }

        var data = Save(index);
        var folder = Directory.CreateTempSubdirectory("palmkey-snapshot-");
        try
        {
            // The snapshot need not start the file: the load starts where the stream stands.
            var path = Path.Combine(folder.FullName, "index.pkix");
            File.WriteAllBytes(path, [1, 2, 3, .. data]);
            Assert.Equal(data, Save(LoadFile(path, 3)));

            var damaged = (byte[])data.Clone();
            damaged[data.Length / 2] ^= 0x10;
            File.WriteAllBytes(path, [1, 2, 3, .. damaged]);
            Assert.Contains("checksum mismatch", Assert.Throws<TemplateFormatException>(() => LoadFile(path, 2)).Message, StringComparison.Ordinal);

            File.WriteAllBytes(path, [1, 2, 3, .. data.AsSpan(0, data.Length / 2)]);
            Assert.Contains("ends inside its codes", Assert.Throws<TemplateFormatException>(() => LoadFile(path, 2)).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static PalmIndex LoadFile(string path, int threads)
        {
            using var file = File.OpenRead(path);
            file.Position = 3;
            return PalmIndex.Load(file, threads);
        }
    }

    [Fact]
    public void Fewer_than_one_thread_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PalmIndex.Load(new MemoryStream(Save(new PalmIndex())), 0));
    }

    private static PalmIndex Build()
    {
        var index = new PalmIndex();
        for (var p = 0; p < SyntheticSet.Palms; p++)
        {
            index.Add(SyntheticSet.Id(p), p % 2 == 0 ? [SyntheticSet.Template(p, 0)] : [SyntheticSet.Template(p, 0), SyntheticSet.Template(p, 1)]);
        }

        // A removal and a replacement leave holes and out-of-order slots for the snapshot to compact.
        index.Remove(SyntheticSet.Id(4));
        index.Replace(SyntheticSet.Id(6), [SyntheticSet.Template(6, 1), SyntheticSet.Template(6, 0)]);
        return index;
    }

    private static byte[] Save(PalmIndex index)
    {
        var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    private static void Reseal(byte[] data) =>
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(32), IndexSnapshot.HeaderChecksum(data));
}
