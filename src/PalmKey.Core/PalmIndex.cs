using PalmKey.Index;

namespace PalmKey;

/// <summary>
/// 1:N identification: finds which enrolled palm, if any, a probe belongs to, among up to millions of
/// palms held in memory, and decides open-set: a match, or "not enrolled" unless the best score beats
/// a threshold set by a target false-positive identification rate (FPIR).
/// </summary>
/// <remarks>
/// <para>
/// Each palm is enrolled under an opaque <see cref="Guid"/> with 1 to 16 captures (templates); its
/// score is its best capture's. A search scans a 64-byte coarse code of every capture with SIMD,
/// refines a shortlist with a local shift search, and scores the palms that own the best few hundred
/// captures with the full matcher: their scores are exactly <see cref="PalmMatcher"/>'s. The shortlists
/// can leave out the palm that an exhaustive search would rank first: never in 3,000 Tongji probes, but
/// for 7 of 200 probes of a 100,000-palm synthetic gallery (docs/benchmarks.md);
/// <see cref="PalmSearchOptions.Exhaustive"/> checks every capture instead.
/// </para>
/// <para>
/// Cost: about 840 bytes of memory per capture (the 768-byte code, its coarse code and bookkeeping)
/// plus about 60 bytes per palm: 903 bytes per palm measured at a million single-capture palms. A
/// search's cost grows linearly with the gallery: tens of milliseconds at 100,000 palms and hundreds
/// at a million on two shared cores (docs/benchmarks.md has the measured figures).
/// </para>
/// <para>
/// Thread safety: every member is safe to call from many threads at once. Searches take no lock and run
/// concurrently with <see cref="Add"/>, <see cref="Replace"/>, <see cref="Remove"/> and
/// <see cref="Enroll"/>, which take turns with one another. A search never sees a half-written palm:
/// each palm it scores is one whole state of it, before or after a concurrent change; a palm whose
/// <see cref="Remove"/> returned before the search began is never returned.
/// </para>
/// </remarks>
public sealed class PalmIndex
{
    /// <summary>The most captures one palm may be enrolled with.</summary>
    public const int MaxCapturesPerPalm = IndexStore.MaxCaptures;

    /// <summary>The most frames one search probe may carry.</summary>
    public const int MaxProbeFrames = ProbePlan.MaxFrames;

    /// <summary>The FPIR at which <see cref="Enroll"/> and <see cref="FindDuplicate"/> call a palm already enrolled unless told otherwise.</summary>
    public const double DefaultDuplicateFpir = 1e-3;

    private readonly Lock _writeLock = new();
    private readonly IndexStore _store;

    /// <summary>Creates an empty index.</summary>
    public PalmIndex()
        : this(new IndexStore())
    {
    }

    private PalmIndex(IndexStore store)
    {
        _store = store;
    }

    /// <summary>How many palms are enrolled.</summary>
    public int Count => _store.PalmCount;

    /// <summary>How many captures are enrolled, over all palms.</summary>
    public int TemplateCount => _store.TemplateCount;

    /// <summary>Bytes of memory the index holds for its palms, approximately (its arrays, which grow in steps of 4,096 captures).</summary>
    public long ApproximateBytes => _store.Bytes;

    /// <summary>The search stages' shortlist sizes; tests set them to exercise the stages on small galleries.</summary>
    internal SearchTuning Tuning { get; set; } = SearchTuning.Default;

    /// <summary>
    /// The score threshold that gives a target FPIR when a probe of <paramref name="probeFrames"/> frames
    /// is searched against <paramref name="enrolledTemplates"/> enrolled captures. It rises as the
    /// gallery grows: at FPIR 1e-3 and one frame, 22.1 for 1,000 captures, 23.8 for 10,000, 25.3 for
    /// 100,000 and 26.8 for a million (docs/accuracy.md, "1:N identification"). Costs microseconds.
    /// </summary>
    /// <param name="fpir">The target FPIR, strictly between 0 and 1.</param>
    /// <param name="enrolledTemplates">Enrolled captures over all palms (a palm with 3 captures counts 3); at least 1.</param>
    /// <param name="probeFrames">Frames per probe, at least 1.</param>
    /// <returns>A score between 0 and 100; accept a palm whose score is above it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double ThresholdForFpir(double fpir, long enrolledTemplates, int probeFrames = 1)
    {
        if (!(fpir > 0 && fpir < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fpir), fpir, "The FPIR must lie strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(enrolledTemplates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(probeFrames, 1);
        return ImpostorTail.ScoreAtFmr(ImpostorTail.FmrForFpir(fpir, (double)enrolledTemplates * probeFrames));
    }

    /// <summary>
    /// Reads an index written by <see cref="Save"/>. Reads the whole stream; about 1 to 4 seconds per
    /// million captures from a warm file cache, most of it the first touch of the index's fresh memory
    /// (docs/benchmarks.md).
    /// </summary>
    /// <param name="stream">A readable stream positioned at the snapshot.</param>
    /// <param name="threads">Threads that read the full codes at once where <paramref name="stream"/> is a seekable <see cref="FileStream"/>, at least 1; other streams are read by one thread.</param>
    /// <returns>A new index holding the snapshot's palms.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    /// <exception cref="TemplateFormatException">The data is not a snapshot, is truncated or damaged (checksum), or was made by another format or algorithm version.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static PalmIndex Load(Stream stream, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return new PalmIndex(IndexSnapshot.Load(stream, threads));
    }

    /// <summary>The threshold for <paramref name="fpir"/> at the current gallery size; see <see cref="ThresholdForFpir(double, long, int)"/>.</summary>
    /// <param name="fpir">The target FPIR, strictly between 0 and 1.</param>
    /// <param name="probeFrames">Frames per probe, at least 1.</param>
    /// <returns>A score between 0 and 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ThresholdForFpir(double fpir, int probeFrames = 1) => ThresholdForFpir(fpir, Math.Max(1, TemplateCount), probeFrames);

    /// <summary>Whether a palm is enrolled under <paramref name="id"/>. Takes the write lock briefly.</summary>
    /// <param name="id">The palm's id.</param>
    /// <returns>True where it is enrolled.</returns>
    public bool Contains(Guid id)
    {
        lock (_writeLock)
        {
            return _store.Contains(id);
        }
    }

    /// <summary>
    /// Enrolls a palm without checking whether it is already enrolled under another id (for loading
    /// palms that were checked when first enrolled; use <see cref="Enroll"/> for new ones). Costs a few
    /// microseconds per capture.
    /// </summary>
    /// <param name="id">The palm's id; not <see cref="Guid.Empty"/>.</param>
    /// <param name="captures">1 to <see cref="MaxCapturesPerPalm"/> templates of the palm.</param>
    /// <exception cref="ArgumentException">The id is empty or already enrolled, or there are no captures or too many.</exception>
    public void Add(Guid id, IEnumerable<PalmTemplate> captures)
    {
        var list = CheckCaptures(id, captures);
        lock (_writeLock)
        {
            if (_store.Contains(id))
            {
                throw new ArgumentException($"Palm {id} is already enrolled; use Replace to change its captures.", nameof(id));
            }

            _store.Add(id, list);
        }
    }

    /// <summary>
    /// Replaces the captures of an enrolled palm. Searches see the old captures or the new ones, never a
    /// mixture. Costs a few microseconds per capture.
    /// </summary>
    /// <param name="id">The palm's id.</param>
    /// <param name="captures">1 to <see cref="MaxCapturesPerPalm"/> templates of the palm.</param>
    /// <returns>True where the palm was enrolled and is replaced; false where it was not enrolled.</returns>
    /// <exception cref="ArgumentException">The id is empty, or there are no captures or too many.</exception>
    public bool Replace(Guid id, IEnumerable<PalmTemplate> captures)
    {
        var list = CheckCaptures(id, captures);
        lock (_writeLock)
        {
            return _store.Replace(id, list);
        }
    }

    /// <summary>Removes a palm. Searches that begin after this returns never return it. Costs microseconds.</summary>
    /// <param name="id">The palm's id.</param>
    /// <returns>True where the palm was enrolled and is removed.</returns>
    public bool Remove(Guid id)
    {
        lock (_writeLock)
        {
            return _store.Remove(id);
        }
    }

    /// <summary>
    /// Enrolls a new palm unless it is already enrolled: its captures are searched as one probe, and
    /// where an enrolled palm beats the threshold for <paramref name="duplicateFpir"/> the palm is not
    /// enrolled and that palm is returned. The check and the enrollment happen under the write lock, so
    /// two concurrent enrollments of one person cannot both pass. Costs one search plus microseconds.
    /// </summary>
    /// <param name="id">The new palm's id; not <see cref="Guid.Empty"/>.</param>
    /// <param name="captures">1 to <see cref="MaxCapturesPerPalm"/> captures, prepared as probes (their templates are stored).</param>
    /// <param name="duplicateFpir">The rate at which a palm that is not enrolled is wrongly called a duplicate.</param>
    /// <param name="threads">Threads for the duplicate search.</param>
    /// <returns>Null where the palm was enrolled; otherwise the enrolled palm it duplicates, and nothing is enrolled.</returns>
    /// <exception cref="ArgumentException">The id is empty or already enrolled, or there are no captures or too many.</exception>
    public PalmCandidate? Enroll(Guid id, IEnumerable<PalmProbe> captures, double duplicateFpir = DefaultDuplicateFpir, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(captures);
        var probes = captures.ToList();
        var templates = CheckCaptures(id, probes.Select(p => p?.Template!));
        lock (_writeLock)
        {
            if (_store.Contains(id))
            {
                throw new ArgumentException($"Palm {id} is already enrolled; use Replace to change its captures.", nameof(id));
            }

            var duplicate = FindDuplicate(probes, duplicateFpir, threads);
            if (duplicate is null)
            {
                _store.Add(id, templates);
            }

            return duplicate;
        }
    }

    /// <summary>
    /// Tells whether a palm about to be enrolled is already enrolled: its captures are searched as one
    /// probe of several frames, and the best palm is returned where it beats the threshold for
    /// <paramref name="fpir"/>. Costs one search.
    /// </summary>
    /// <param name="captures">1 to <see cref="MaxProbeFrames"/> captures of the palm, prepared as probes.</param>
    /// <param name="fpir">The rate at which a palm that is not enrolled is wrongly reported.</param>
    /// <param name="threads">Threads for the search.</param>
    /// <returns>The enrolled palm it duplicates, or null.</returns>
    /// <exception cref="ArgumentException">There are no captures or too many.</exception>
    public PalmCandidate? FindDuplicate(IEnumerable<PalmProbe> captures, double fpir = DefaultDuplicateFpir, int threads = 1)
    {
        var result = Search(captures, new PalmSearchOptions { Fpir = fpir, Threads = threads, Candidates = 1 });
        return result.Decision == PalmDecision.NoMatch ? null : result.Candidates[0];
    }

    /// <summary>Identifies one capture; see <see cref="Search(IEnumerable{PalmProbe}, PalmSearchOptions?)"/>.</summary>
    /// <param name="probe">The capture, prepared with <see cref="PalmExtractor.ExtractProbe"/>.</param>
    /// <param name="options">How to search and decide; <see cref="PalmSearchOptions.Default"/> when null.</param>
    /// <returns>The candidates and the decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PalmSearchResult Search(PalmProbe probe, PalmSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return Search([probe], options);
    }

    /// <summary>
    /// Identifies a probe of one or more frames of one hover: each palm's score is its best over the
    /// frames. Lists the best palms with exact scores and decides: <see cref="PalmDecision.Match"/> when
    /// exactly one palm scores above the threshold, <see cref="PalmDecision.Ambiguous"/> when several do,
    /// <see cref="PalmDecision.NoMatch"/> otherwise. Costs time linear in the enrolled captures
    /// (docs/benchmarks.md), growing with the number of frames; allocates about 4 bytes per enrolled capture.
    /// </summary>
    /// <param name="frames">1 to <see cref="MaxProbeFrames"/> frames, each prepared with <see cref="PalmExtractor.ExtractProbe"/>.</param>
    /// <param name="options">How to search and decide; <see cref="PalmSearchOptions.Default"/> when null.</param>
    /// <returns>The candidates and the decision.</returns>
    /// <exception cref="ArgumentException">There are no frames or too many, or a frame is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PalmSearchResult Search(IEnumerable<PalmProbe> frames, PalmSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        options ??= PalmSearchOptions.Default;
        options.Validate();
        var list = frames.ToList();
        if (list.Count is 0 or > MaxProbeFrames || list.Contains(null!))
        {
            throw new ArgumentException($"A probe has 1 to {MaxProbeFrames} frames, none of them null; got {list.Count}.", nameof(frames));
        }

        var store = _store;
        var templates = store.TemplateCount;
        var threshold = options.Threshold ?? ThresholdForFpir(options.Fpir, Math.Max(1, templates), list.Count);
        var scored = SearchPipeline.Run(store, new ProbePlan(list), options.Threads, options.Exhaustive, Tuning);
        var candidates = scored.Take(options.Candidates).Select(s => new PalmCandidate(s.Id, s.Score)).ToArray();
        var above = scored.TakeWhile(s => s.Score > threshold).Take(2).Count();
        var decision = above switch
        {
            0 => PalmDecision.NoMatch,
            1 => PalmDecision.Match,
            _ => PalmDecision.Ambiguous,
        };
        return new PalmSearchResult(decision, candidates, threshold);
    }

    /// <summary>
    /// Writes every enrolled palm in the versioned binary snapshot format (docs/template-format.md),
    /// with a CRC-32C checksum. Holds the write lock while it writes, so the snapshot is one consistent
    /// state; searches go on meanwhile. About 900 bytes per capture.
    /// </summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="IOException">The stream could not be written.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_writeLock)
        {
            IndexSnapshot.Save(_store, stream);
        }
    }

    private static List<PalmTemplate> CheckCaptures(Guid id, IEnumerable<PalmTemplate> captures)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("Guid.Empty is not a valid palm id.", nameof(id));
        }

        ArgumentNullException.ThrowIfNull(captures);
        var list = captures.ToList();
        if (list.Count is 0 or > MaxCapturesPerPalm || list.Contains(null!))
        {
            throw new ArgumentException($"A palm has 1 to {MaxCapturesPerPalm} captures, none of them null; got {list.Count}.", nameof(captures));
        }

        return list;
    }
}
