using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The enrolled palms of a <see cref="PalmIndex"/>: palm records and capture slots in segments.
/// </summary>
/// <remarks>
/// <para>
/// Writers (every method marked "writer") must hold the index's write lock; there is one writer at a
/// time. Readers take no lock. They read <see cref="SlotHighWater"/> before <see cref="Slots"/>, and a
/// writer publishes a new segment before it raises the high-water mark, so every slot below the mark
/// has its segment. Captures are written into slots that no published palm links to, and a palm record
/// is switched to them under its sequence number (<see cref="PalmSegment"/>); slots are freed only
/// after the switch. A reader that copies a palm's codes between two equal, even sequence numbers has
/// therefore copied one whole state of that palm, never a half-written code or a removed palm.
/// </para>
/// </remarks>
internal sealed class IndexStore
{
    /// <summary>The most captures one palm may hold.</summary>
    public const int MaxCaptures = 16;

    private readonly Dictionary<Guid, int> _handles = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Stack<int> _freePalms = new();
    private SlotSegment[] _slots = [];
    private PalmSegment[] _palms = [];
    private int _slotHighWater;
    private int _palmHighWater;
    private int _palmCount;
    private int _templateCount;

    public SlotSegment[] Slots => Volatile.Read(ref _slots);

    public PalmSegment[] Palms => Volatile.Read(ref _palms);

    /// <summary>Slots ever used: the coarse scan covers slots below this.</summary>
    public int SlotHighWater => Volatile.Read(ref _slotHighWater);

    /// <summary>Palm records ever used.</summary>
    public int PalmHighWater => Volatile.Read(ref _palmHighWater);

    public int PalmCount => Volatile.Read(ref _palmCount);

    public int TemplateCount => Volatile.Read(ref _templateCount);

    /// <summary>Bytes held by the segments and the id map (the map estimated at 32 bytes a palm).</summary>
    public long Bytes => (Slots.Length * SlotSegment.Bytes) + (Palms.Length * PalmSegment.Bytes) + (32L * PalmCount);

    /// <summary>Writer: whether <paramref name="id"/> is enrolled.</summary>
    public bool Contains(Guid id) => _handles.ContainsKey(id);

    /// <summary>Writer: the ids of all enrolled palms.</summary>
    public IEnumerable<Guid> Ids => _handles.Keys;

    /// <summary>Writer: enrolls a new id. The caller has checked that it is absent.</summary>
    public void Add(Guid id, IReadOnlyList<PalmTemplate> captures)
    {
        var handle = _freePalms.Count > 0 ? _freePalms.Pop() : NewPalm();
        var first = WriteCaptures(handle, captures);
        Publish(handle, id, first, captures.Count);
        _handles.Add(id, handle);
        Volatile.Write(ref _palmCount, _palmCount + 1);
        Volatile.Write(ref _templateCount, _templateCount + captures.Count);
    }

    /// <summary>Writer: replaces the captures of an enrolled id; false where it is absent.</summary>
    public bool Replace(Guid id, IReadOnlyList<PalmTemplate> captures)
    {
        if (!_handles.TryGetValue(id, out var handle))
        {
            return false;
        }

        var (oldFirst, oldCount) = Record(handle);
        var first = WriteCaptures(handle, captures);
        Publish(handle, id, first, captures.Count);
        FreeSlots(oldFirst, oldCount);
        Volatile.Write(ref _templateCount, _templateCount - oldCount + captures.Count);
        return true;
    }

    /// <summary>Writer: removes an id; false where it is absent.</summary>
    public bool Remove(Guid id)
    {
        if (!_handles.Remove(id, out var handle))
        {
            return false;
        }

        var (oldFirst, oldCount) = Record(handle);
        Publish(handle, Guid.Empty, -1, 0);
        FreeSlots(oldFirst, oldCount);
        _freePalms.Push(handle);
        Volatile.Write(ref _palmCount, _palmCount - 1);
        Volatile.Write(ref _templateCount, _templateCount - oldCount);
        return true;
    }

    /// <summary>
    /// Reader: copies the id and the full codes of palm <paramref name="handle"/> into
    /// <paramref name="codes"/> (each at least <see cref="CodeLayout.Words"/> words) as one consistent
    /// state, retrying while a writer changes it. False where the record holds no palm.
    /// </summary>
    public bool TryReadPalm(int handle, uint[][] codes, out Guid id, out int captures)
    {
        var segment = Palms[handle >> PalmSegment.Shift];
        var index = handle & (PalmSegment.Capacity - 1);
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref segment.Versions[index]);
            if ((before & 1) == 0)
            {
                id = segment.Ids[index];
                captures = segment.Captures[index];
                var consistent = captures is > 0 and <= MaxCaptures;
                var slot = segment.FirstSlot[index];
                var slots = Slots;
                for (var c = 0; consistent && c < captures; c++)
                {
                    if ((uint)slot >= (uint)(slots.Length << SlotSegment.Shift))
                    {
                        consistent = false;
                        break;
                    }

                    var slotSegment = slots[slot >> SlotSegment.Shift];
                    var slotIndex = slot & (SlotSegment.Capacity - 1);
                    slotSegment.Code(slotIndex).CopyTo(codes[c]);
                    slot = slotSegment.Next[slotIndex];
                }

                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref segment.Versions[index]) == before)
                {
                    return consistent;
                }
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Writer: the live palms in record order, with their slots, for a snapshot.</summary>
    public IEnumerable<(Guid Id, int FirstSlot, int Captures)> LivePalms()
    {
        for (var handle = 0; handle < _palmHighWater; handle++)
        {
            var segment = _palms[handle >> PalmSegment.Shift];
            var index = handle & (PalmSegment.Capacity - 1);
            if (segment.Captures[index] > 0)
            {
                yield return (segment.Ids[index], segment.FirstSlot[index], segment.Captures[index]);
            }
        }
    }

    /// <summary>Writer: the slot that follows <paramref name="slot"/> in its palm.</summary>
    public int NextSlot(int slot) => _slots[slot >> SlotSegment.Shift].Next[slot & (SlotSegment.Capacity - 1)];

    /// <summary>Writer: the segment and index of a slot.</summary>
    public (SlotSegment Segment, int Index) Locate(int slot) => (_slots[slot >> SlotSegment.Shift], slot & (SlotSegment.Capacity - 1));

    /// <summary>
    /// Writer, on an empty store only: makes room for <paramref name="palms"/> palms with
    /// <paramref name="templates"/> captures in slot order, for a snapshot that fills them in bulk.
    /// </summary>
    public void Reserve(int palms, int templates)
    {
        _handles.EnsureCapacity(palms);
        while (_slots.Length * SlotSegment.Capacity < templates)
        {
            _slots = [.. _slots, new SlotSegment()];
        }

        while (_palms.Length * PalmSegment.Capacity < palms)
        {
            _palms = [.. _palms, new PalmSegment()];
        }
    }

    /// <summary>
    /// Writer, while loading a snapshot into a store no reader can see yet: records the next palm,
    /// with captures in slots <paramref name="firstSlot"/> onward, whose codes are already in place.
    /// </summary>
    public void AppendLoaded(Guid id, int firstSlot, int captures)
    {
        var handle = _palmHighWater;
        if (!_handles.TryAdd(id, handle))
        {
            throw new TemplateFormatException($"PalmIndex snapshot lists palm {id} twice: the snapshot is damaged.");
        }

        for (var c = 0; c < captures; c++)
        {
            var (segment, index) = Locate(firstSlot + c);
            segment.Owner[index] = handle;
            segment.Next[index] = c + 1 < captures ? firstSlot + c + 1 : -1;
        }

        var palms = _palms[handle >> PalmSegment.Shift];
        var at = handle & (PalmSegment.Capacity - 1);
        palms.Ids[at] = id;
        palms.FirstSlot[at] = firstSlot;
        palms.Captures[at] = captures;
        _palmHighWater = handle + 1;
        _slotHighWater = Math.Max(_slotHighWater, firstSlot + captures);
        _palmCount++;
        _templateCount += captures;
    }

    private (int First, int Count) Record(int handle)
    {
        var segment = _palms[handle >> PalmSegment.Shift];
        var index = handle & (PalmSegment.Capacity - 1);
        return (segment.FirstSlot[index], segment.Captures[index]);
    }

    private void Publish(int handle, Guid id, int firstSlot, int captures)
    {
        var segment = _palms[handle >> PalmSegment.Shift];
        var index = handle & (PalmSegment.Capacity - 1);
        var odd = Interlocked.Increment(ref segment.Versions[index]);
        segment.Ids[index] = id;
        segment.FirstSlot[index] = firstSlot;
        segment.Captures[index] = captures;
        Volatile.Write(ref segment.Versions[index], odd + 1);
    }

    private int WriteCaptures(int handle, IReadOnlyList<PalmTemplate> captures)
    {
        Span<uint> coarse = stackalloc uint[CoarseCode.Words];
        var first = -1;
        var previous = -1;
        foreach (var capture in captures)
        {
            var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
            var (segment, index) = Locate(slot);
            capture.Code.CopyTo(segment.Code(index));
            CoarseCode.Gallery(capture.Code, coarse);
            segment.SetCoarse(index, coarse);
            segment.Next[index] = -1;
            segment.Owner[index] = handle;
            if (previous >= 0)
            {
                var (previousSegment, previousIndex) = Locate(previous);
                previousSegment.Next[previousIndex] = slot;
            }
            else
            {
                first = slot;
            }

            previous = slot;
        }

        return first;
    }

    private void FreeSlots(int first, int count)
    {
        var slot = first;
        for (var c = 0; c < count; c++)
        {
            var (segment, index) = Locate(slot);
            var next = segment.Next[index];
            segment.Owner[index] = -1;
            segment.Next[index] = -1;
            _freeSlots.Push(slot);
            slot = next;
        }
    }

    private int NewSlot()
    {
        var slot = _slotHighWater;
        if (slot == _slots.Length * SlotSegment.Capacity)
        {
            Volatile.Write(ref _slots, [.. _slots, new SlotSegment()]);
        }

        // The coarse scan may read this slot before its codes are written; that only moves it in
        // the shortlist, and nothing links to it until its palm is published.
        Volatile.Write(ref _slotHighWater, slot + 1);
        return slot;
    }

    private int NewPalm()
    {
        var handle = _palmHighWater;
        if (handle == _palms.Length * PalmSegment.Capacity)
        {
            Volatile.Write(ref _palms, [.. _palms, new PalmSegment()]);
        }

        Volatile.Write(ref _palmHighWater, handle + 1);
        return handle;
    }
}
