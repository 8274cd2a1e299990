package dev.rill.plugin.mjpeg;

import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits one source's JPEG frames into RFC 2435 payloads. Each payload is the main JPEG header,
 * the restart marker header when the frame has restart markers (type 64/65, intervals not aligned
 * to packets), and then the next piece of the entropy-coded data; the first payload of a frame
 * also says how to get the frame's quantisation tables, one of two ways (§3.1.8):
 * <ul>
 *   <li>tables equal to those RFC 2435 Appendix A computes for a Q in 1..99 (what libjpeg and
 *       ImageIO write at an IJG quality, so most files and many cameras): that Q, and no tables.
 *       Every RFC 2435 receiver computes them (ffmpeg, GStreamer and this plugin's depayloader
 *       do), and a frame is 132 bytes smaller;</li>
 *   <li>any other tables: Q = 255 (in-band, may differ from frame to frame) and the quantisation
 *       table header with the frame's two 8-bit tables. A JPEG whose components all use one table
 *       (as ffmpeg writes when its tables are equal) sends that table twice: two tables is what
 *       §3.1.8 describes for types 0 and 1, and what every receiver reads. Q 128..254 (tables a
 *       receiver may keep) is not used: a viewer who joins late or loses the first packet of the
 *       frame that carried them would have none.</li>
 * </ul>
 * Frames RFC 2435 cannot carry as they are go through {@link JpegNormaliser} first; the reason is
 * logged once per payloader. A frame that cannot be carried even then (not a JPEG, or ImageIO
 * cannot decode it, e.g. 12-bit samples) gives no payloads and is counted in
 * {@link #framesSkipped()}: it is never sent broken.
 *
 * <p>Thread-safe. The fragments of one frame share one array and are read-only, so every session
 * can send them. For a stored source, re-encoded frames are kept in a cache bounded by
 * {@link #NORMALISED_CACHE_BYTES}, keyed by frame index, so a source is re-encoded once per frame
 * even when the caller's own cache has let the frame go (a looping file). A live source's frames
 * are prepared once each by the server's live feed, so they are not kept.
 */
final class Rfc2435Payloader implements Payloader {

    private static final Logger LOG = LoggerFactory.getLogger(Rfc2435Payloader.class);

    /**
     * The smallest maximum payload size accepted: the first payload's headers (8 + 4 restart +
     * 4 + 128 quantisation tables) and one byte of data.
     */
    static final int MIN_PAYLOAD_SIZE = Rfc2435Header.MAIN_LENGTH + Rfc2435Header.RESTART_LENGTH
            + Rfc2435QuantTables.HEADER_LENGTH + Rfc2435QuantTables.EIGHT_BIT_LENGTH + 1;
    /** Q value meaning "tables in-band, may change with every frame" (RFC 2435 §3.1.8). */
    static final int Q_DYNAMIC = 255;
    /** Most bytes of re-encoded frames' payloads kept in the cache. */
    static final long NORMALISED_CACHE_BYTES = 16L << 20;

    private final String sourceName;
    private final int maxPayloadSize;
    private final boolean cacheNormalised;
    private final AtomicBoolean reencodingLogged = new AtomicBoolean();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();
    private final ReentrantLock cacheLock = new ReentrantLock();
    /** Guarded by cacheLock; in access order, the least recently used first. */
    private final LinkedHashMap<Long, Normalised> cache = new LinkedHashMap<>(16, 0.75f, true);
    /** Guarded by cacheLock. */
    private long cachedBytes;

    private record Normalised(int sourceSize, List<PayloadFragment> fragments, int bytes) {
    }

    /**
     * @param sourceName     the source's {@code describe()}, for log messages
     * @param maxPayloadSize the most bytes of one payload, at least {@link #MIN_PAYLOAD_SIZE}
     */
    Rfc2435Payloader(String sourceName, int maxPayloadSize) {
        this(sourceName, maxPayloadSize, true);
    }

    /**
     * @param cacheNormalised keep re-encoded frames by frame index: for stored sources, whose
     *                        frames come again (another session, the next loop)
     */
    Rfc2435Payloader(String sourceName, int maxPayloadSize, boolean cacheNormalised) {
        if (maxPayloadSize < MIN_PAYLOAD_SIZE) {
            throw new IllegalArgumentException("RFC 2435 max payload size must be at least " + MIN_PAYLOAD_SIZE
                    + " bytes: " + maxPayloadSize);
        }
        this.sourceName = sourceName;
        this.maxPayloadSize = maxPayloadSize;
        this.cacheNormalised = cacheNormalised;
    }

    @Override
    public List<PayloadFragment> payload(Frame frame) {
        JpegImage image;
        try {
            image = JpegParser.parse(frame.data());
        } catch (JpegFormatException e) {
            return unusable(frame, e.getMessage());
        }
        Optional<String> reason = Rfc2435Constraints.whyNot(image);
        if (reason.isEmpty()) {
            return fragments(image);
        }
        Optional<List<PayloadFragment>> cached = cached(frame);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (reencodingLogged.compareAndSet(false, true)) {
            LOG.info("{}: re-encoding frames for RFC 2435: {}", sourceName, reason.get());
        }
        try {
            JpegImage normalised = JpegParser.parse(JpegNormaliser.normalise(image));
            Optional<String> still = Rfc2435Constraints.whyNot(normalised);
            if (still.isPresent()) {
                return unusable(frame, "re-encoded frame still not carriable: " + still.get());
            }
            List<PayloadFragment> fragments = fragments(normalised);
            remember(frame, fragments);
            return fragments;
        } catch (JpegFormatException e) {
            return unusable(frame, e.getMessage());
        }
    }

    /** The payloads of a frame {@link Rfc2435Constraints} accepts, in sending order. */
    List<PayloadFragment> fragments(JpegImage image) {
        JpegImage.Component luma = image.components().get(0);
        JpegImage.Component chroma = image.components().get(1);
        Rfc2435QuantTables tables = Rfc2435QuantTables.of(image.quantTable(luma.quantTableId()).orElseThrow(),
                image.quantTable(chroma.quantTableId()).orElseThrow());
        OptionalInt computed = Rfc2435QuantTables.computedQ(tables);
        int tablesLength = computed.isPresent() ? 0 : tables.wireLength();
        Rfc2435Header header = Rfc2435Header.of(0, Rfc2435Constraints.type(image), computed.orElse(Q_DYNAMIC),
                Rfc2435Constraints.blocks(image.width()) * 8, Rfc2435Constraints.blocks(image.height()) * 8,
                image.restartInterval());
        ByteBuffer scan = image.scanData();
        int dataLength = scan.limit();
        int firstRoom = maxPayloadSize - header.length() - tablesLength;
        int room = maxPayloadSize - header.length();
        int count = dataLength <= firstRoom ? 1 : 1 + (dataLength - firstRoom + room - 1) / room;
        byte[] all = new byte[dataLength + count * header.length() + tablesLength];
        ByteBuffer out = ByteBuffer.wrap(all);
        List<PayloadFragment> fragments = new ArrayList<>(count);
        int offset = 0;
        for (int i = 0; i < count; i++) {
            int start = out.position();
            header.withFragmentOffset(offset).writeTo(out);
            if (i == 0 && tablesLength > 0) {
                tables.writeTo(out);
            }
            int length = Math.min(dataLength - offset, i == 0 ? firstRoom : room);
            out.put(out.position(), scan, offset, length);
            out.position(out.position() + length);
            offset += length;
            ByteBuffer payload = ByteBuffer.wrap(all, start, out.position() - start).slice().asReadOnlyBuffer();
            fragments.add(new PayloadFragment(payload, i == count - 1));
        }
        return List.copyOf(fragments);
    }

    private List<PayloadFragment> unusable(Frame frame, String why) {
        skipped.incrementAndGet();
        if (failureLogged.compareAndSet(false, true)) {
            LOG.warn("{}: frame {} cannot be sent as RFC 2435 and is skipped: {} (further such frames are logged at debug)",
                    sourceName, frame.index(), why);
        } else {
            LOG.debug("{}: frame {} skipped: {}", sourceName, frame.index(), why);
        }
        return List.of();
    }

    private Optional<List<PayloadFragment>> cached(Frame frame) {
        cacheLock.lock();
        try {
            Normalised hit = cache.get(frame.index());
            return hit != null && hit.sourceSize() == frame.size() ? Optional.of(hit.fragments()) : Optional.empty();
        } finally {
            cacheLock.unlock();
        }
    }

    private void remember(Frame frame, List<PayloadFragment> fragments) {
        int bytes = fragments.stream().mapToInt(PayloadFragment::size).sum();
        if (!cacheNormalised || bytes > NORMALISED_CACHE_BYTES) {
            return;
        }
        cacheLock.lock();
        try {
            Normalised previous = cache.put(frame.index(), new Normalised(frame.size(), fragments, bytes));
            cachedBytes += bytes - (previous == null ? 0 : previous.bytes());
            Iterator<Map.Entry<Long, Normalised>> eldest = cache.entrySet().iterator();
            while (cachedBytes > NORMALISED_CACHE_BYTES && eldest.hasNext()) {
                cachedBytes -= eldest.next().getValue().bytes();
                eldest.remove();
            }
        } finally {
            cacheLock.unlock();
        }
    }

    /** Frames that gave no payloads because RFC 2435 cannot carry them, even re-encoded. */
    long framesSkipped() {
        return skipped.get();
    }

    /** Frames whose re-encoded payloads are cached, for tests. */
    int cachedFrames() {
        cacheLock.lock();
        try {
            return cache.size();
        } finally {
            cacheLock.unlock();
        }
    }
}
