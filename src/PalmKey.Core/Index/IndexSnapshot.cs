using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The binary snapshot of a <see cref="PalmIndex"/>, format version 1 (docs/template-format.md,
/// "Index snapshots"): a 64-byte header with its own CRC-32C, the palm table, every full code, every
/// coarse code, and a CRC-32C of everything after the header. Codes are stored in the order the loader
/// places them, so loading is a few large reads straight into the index's arrays.
/// </summary>
internal static class IndexSnapshot
{
    public const int HeaderLength = 64;
    public const ushort FormatVersion = 1;
    public const int PalmRecordLength = 20;

    public static ReadOnlySpan<byte> Magic => "PKIX"u8;

    private const int CodeBytes = CodeLayout.Words * sizeof(uint);
    private const int CoarseBytes = CoarseCode.Words * sizeof(uint);
    private const int ChunkSlots = 1024;

    public static void Save(IndexStore store, Stream stream)
    {
        var palms = store.LivePalms().ToList();
        var templates = palms.Sum(p => (long)p.Captures);
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), FormatVersion);
        header[6] = CodeLayout.AlgorithmVersion;
        header[7] = CoarseCode.Version;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), CodeLayout.Words);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), CoarseCode.Words);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), palms.Count);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), templates);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(32), HeaderChecksum(header));
        stream.Write(header);

        var crc = Crc32C.Initial;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSlots * CodeBytes);
        try
        {
            var used = 0;
            foreach (var (id, _, captures) in palms)
            {
                if (used + PalmRecordLength > buffer.Length)
                {
                    Flush(ref used);
                }

                id.TryWriteBytes(buffer.AsSpan(used, 16));
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(used + 16), captures);
                used += PalmRecordLength;
            }

            Flush(ref used);
            Span<uint> words = stackalloc uint[CoarseCode.Words];
            foreach (var section in new[] { CodeBytes, CoarseBytes })
            {
                foreach (var (_, first, captures) in palms)
                {
                    var slot = first;
                    for (var c = 0; c < captures; c++)
                    {
                        if (used + section > buffer.Length)
                        {
                            Flush(ref used);
                        }

                        var (segment, index) = store.Locate(slot);
                        if (section == CodeBytes)
                        {
                            WriteWords(segment.Code(index), buffer.AsSpan(used, CodeBytes));
                        }
                        else
                        {
                            segment.GetCoarse(index, words);
                            WriteWords(words, buffer.AsSpan(used, CoarseBytes));
                        }

                        used += section;
                        slot = store.NextSlot(slot);
                    }
                }

                Flush(ref used);
            }

            Span<byte> trailer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32C.Finish(crc));
            stream.Write(trailer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        void Flush(ref int used)
        {
            crc = Crc32C.Update(crc, buffer.AsSpan(0, used));
            stream.Write(buffer, 0, used);
            used = 0;
        }
    }

    /// <summary>
    /// Reads a snapshot. With <paramref name="threads"/> above 1 and a seekable file, the full codes
    /// (nearly all of the bytes) are read by that many threads at once, each straight into its own
    /// segments; the checksum is then taken over them in order as before.
    /// </summary>
    public static IndexStore Load(Stream stream, int threads)
    {
        var header = new byte[HeaderLength];
        ReadExactly(stream, header, "header");
        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new TemplateFormatException("Not a PalmIndex snapshot: it does not start with \"PKIX\".");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(32));
        if (stored != HeaderChecksum(header))
        {
            throw new TemplateFormatException("PalmIndex snapshot header checksum mismatch: the snapshot is damaged.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
        if (version != FormatVersion)
        {
            throw new TemplateFormatException($"PalmIndex snapshot format version {version} is not supported; this build reads version {FormatVersion}.");
        }

        if (header[6] != CodeLayout.AlgorithmVersion)
        {
            throw new TemplateFormatException($"PalmIndex snapshot holds templates of algorithm version {header[6]}; this engine is version {CodeLayout.AlgorithmVersion}. Enroll the palms again from images.");
        }

        var codeWords = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        var coarseWords = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10));
        // Coarse codes of another coarse-code version may have another length; they are skipped and recomputed.
        var coarseCurrent = header[7] == CoarseCode.Version;
        if (codeWords != CodeLayout.Words || (coarseCurrent ? coarseWords != CoarseCode.Words : coarseWords is 0 or > CodeLayout.Words))
        {
            throw new TemplateFormatException($"PalmIndex snapshot declares {codeWords}-word codes and {coarseWords}-word coarse codes of version {header[7]}; this engine uses {CodeLayout.Words} and {CoarseCode.Words} of version {CoarseCode.Version}.");
        }

        var palmCount = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        var templateCount = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        if (palmCount < 0 || templateCount < palmCount || templateCount > palmCount * IndexStore.MaxCaptures || templateCount > int.MaxValue / 2)
        {
            throw new TemplateFormatException($"PalmIndex snapshot declares {palmCount} palms with {templateCount} captures, which is impossible: the snapshot is damaged.");
        }

        var store = new IndexStore();
        store.Reserve((int)palmCount, (int)templateCount);
        var crc = Crc32C.Initial;

        // Palm table.
        var ids = new Guid[palmCount];
        var captures = new int[palmCount];
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSlots * CodeBytes);
        try
        {
            var perChunk = buffer.Length / PalmRecordLength;
            long total = 0;
            for (long done = 0; done < palmCount; done += perChunk)
            {
                var count = (int)Math.Min(perChunk, palmCount - done);
                var chunk = buffer.AsSpan(0, count * PalmRecordLength);
                ReadExactly(stream, chunk, "palm table");
                crc = Crc32C.Update(crc, chunk);
                for (var i = 0; i < count; i++)
                {
                    var record = chunk.Slice(i * PalmRecordLength, PalmRecordLength);
                    ids[done + i] = new Guid(record[..16]);
                    var n = BinaryPrimitives.ReadInt32LittleEndian(record[16..]);
                    if (n < 1 || n > IndexStore.MaxCaptures || ids[done + i] == Guid.Empty)
                    {
                        throw new TemplateFormatException($"PalmIndex snapshot palm {done + i} has {n} captures or an empty id: the snapshot is damaged.");
                    }

                    captures[done + i] = n;
                    total += n;
                }
            }

            if (total != templateCount)
            {
                throw new TemplateFormatException($"PalmIndex snapshot palm table lists {total} captures; its header says {templateCount}: the snapshot is damaged.");
            }

            // Full codes, straight into the slot segments (slot i holds capture i in palm order).
            var slots = store.Slots;
            var segments = (int)((templateCount + SlotSegment.Capacity - 1) / SlotSegment.Capacity);
            var parallel = threads > 1 && segments > 1 && stream is FileStream { CanSeek: true };
            if (parallel)
            {
                ReadCodesInParallel((FileStream)stream, slots, segments, templateCount, threads);
            }

            for (var s = 0; s < segments; s++)
            {
                var words = SegmentCodes(slots, templateCount, s);
                var bytes = MemoryMarshal.AsBytes(words);
                if (!parallel)
                {
                    ReadExactly(stream, bytes, "codes");
                }

                crc = Crc32C.Update(crc, bytes);
                if (!BitConverter.IsLittleEndian)
                {
                    BinaryPrimitives.ReverseEndianness(words, words);
                }
            }

            // Coarse codes; ones made by another coarse-code version are recomputed from the full codes.
            Span<uint> coarse = stackalloc uint[CoarseCode.Words];
            for (long done = 0; done < templateCount; done += ChunkSlots)
            {
                var count = (int)Math.Min(ChunkSlots, templateCount - done);
                var chunk = buffer.AsSpan(0, count * coarseWords * sizeof(uint));
                ReadExactly(stream, chunk, "coarse codes");
                crc = Crc32C.Update(crc, chunk);
                for (var i = 0; i < count; i++)
                {
                    var slot = (int)(done + i);
                    var segment = slots[slot >> SlotSegment.Shift];
                    var index = slot & (SlotSegment.Capacity - 1);
                    if (coarseCurrent)
                    {
                        for (var w = 0; w < CoarseCode.Words; w++)
                        {
                            coarse[w] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(((i * CoarseCode.Words) + w) * sizeof(uint))..]);
                        }
                    }
                    else
                    {
                        CoarseCode.Gallery(segment.Code(index), coarse);
                    }

                    segment.SetCoarse(index, coarse);
                }
            }

            Span<byte> trailer = stackalloc byte[4];
            ReadExactly(stream, trailer, "checksum");
            var expected = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            var actual = Crc32C.Finish(crc);
            if (expected != actual)
            {
                throw new TemplateFormatException($"PalmIndex snapshot checksum mismatch (stored {expected:x8}, computed {actual:x8}): the snapshot is damaged.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var first = 0;
        for (var p = 0; p < palmCount; p++)
        {
            store.AppendLoaded(ids[p], first, captures[p]);
            first += captures[p];
        }

        return store;
    }

    /// <summary>The CRC-32C of the whole header with its checksum field (bytes 32-35) read as zero.</summary>
    public static uint HeaderChecksum(ReadOnlySpan<byte> header)
    {
        ReadOnlySpan<byte> zero = [0, 0, 0, 0];
        var state = Crc32C.Update(Crc32C.Initial, header[..32]);
        state = Crc32C.Update(state, zero);
        return Crc32C.Finish(Crc32C.Update(state, header[36..HeaderLength]));
    }

    private static void WriteWords(ReadOnlySpan<uint> words, Span<byte> target)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(words).CopyTo(target);
            return;
        }

        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target[(4 * i)..], words[i]);
        }
    }

    /// <summary>The stored codes of slot segment <paramref name="s"/>: whole, or the used part of the last one.</summary>
    private static Span<uint> SegmentCodes(SlotSegment[] slots, long templateCount, int s) =>
        slots[s].Codes.AsSpan(0, (int)Math.Min(SlotSegment.Capacity, templateCount - ((long)s * SlotSegment.Capacity)) * CodeLayout.Words);

    /// <summary>
    /// Reads every segment's codes from the file at its own offset, on up to <paramref name="threads"/>
    /// threads, and leaves the file positioned after them. Most of a load's time is the first touch of
    /// the index's fresh memory, and on the 2-core machine of docs/benchmarks.md two threads touch it in
    /// about 60% of the time one takes.
    /// </summary>
    private static void ReadCodesInParallel(FileStream file, SlotSegment[] slots, int segments, long templateCount, int threads)
    {
        var start = file.Position;
        var handle = file.SafeFileHandle;
        try
        {
            Parallel.For(0, segments, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
            {
                var bytes = MemoryMarshal.AsBytes(SegmentCodes(slots, templateCount, s));
                var offset = start + ((long)s * SlotSegment.Capacity * CodeBytes);
                while (bytes.Length > 0)
                {
                    var read = RandomAccess.Read(handle, bytes, offset);
                    if (read == 0)
                    {
                        throw new TemplateFormatException("PalmIndex snapshot is truncated: it ends inside its codes.");
                    }

                    bytes = bytes[read..];
                    offset += read;
                }
            });
        }
        catch (AggregateException e) when (e.InnerException is TemplateFormatException or IOException)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }

        file.Position = start + (templateCount * CodeBytes);
    }

    private static void ReadExactly(Stream stream, Span<byte> target, string part)
    {
        try
        {
            stream.ReadExactly(target);
        }
        catch (EndOfStreamException e)
        {
            throw new TemplateFormatException($"PalmIndex snapshot is truncated: it ends inside its {part}.", e);
        }
    }
}
