package dev.rill.server;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payloads of every frame, computed once per frame and payload format and shared by every
 * session: a thousand viewers of one file cost a thousand RTP headers per packet, not a thousand
 * packetisations. A stored source keeps one slot per frame; a live source a small ring.
 */
final class FragmentCache {

    private static final Logger LOG = LoggerFactory.getLogger(FragmentCache.class);
    /** Slots for a live source: frames older than this many are packetised again if asked for. */
    static final int LIVE_SLOTS = 16;

    private record Key(MediaSource source, String format) {
    }

    private final ConcurrentHashMap<Key, Fragments> bySource = new ConcurrentHashMap<>();
    private final int maxPayloadSize;

    /** @param maxPayloadSize bytes of payload in one packet: the packet size less the RTP header */
    FragmentCache(int maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    /** The shared fragments of {@code source} in {@code format}. */
    Fragments of(MediaSource source, RtpPayloadFormat format) {
        return bySource.computeIfAbsent(new Key(source, format.name()),
                k -> new Fragments(source, format.payloader(source, maxPayloadSize)));
    }

    /** One source's frames in one format. */
    static final class Fragments {
        /** A frame's payloads, kept in the Optional the sender gets: nothing is allocated per send. */
        private record Slot(long index, Optional<List<PayloadFragment>> fragments) {
        }

        private final MediaSource source;
        private final Payloader payloader;
        private final AtomicReferenceArray<Slot> slots;

        Fragments(MediaSource source, Payloader payloader) {
            this.source = source;
            this.payloader = payloader;
            long count = source.frameCount().orElse(LIVE_SLOTS);
            this.slots = new AtomicReferenceArray<>((int) Math.min(Math.max(count, 1), Integer.MAX_VALUE - 8));
        }

        /**
         * The payloads of frame {@code index}; empty past the end of the source. A frame that
         * cannot be carried yields an empty list (the payloader logs why).
         */
        Optional<List<PayloadFragment>> frame(long index) {
            int slot = (int) (index % slots.length());
            Slot cached = slots.get(slot);
            if (cached != null && cached.index == index) {
                return cached.fragments;
            }
            Optional<Frame> frame = source.frame(index);
            if (frame.isEmpty()) {
                return Optional.empty();
            }
            List<PayloadFragment> fragments;
            try {
                fragments = List.copyOf(payloader.payload(frame.get()));
            } catch (RuntimeException e) {
                LOG.error("{}: frame {} cannot be packetised, skipped: {}", source.describe(), index + 1, e.toString());
                fragments = List.of();
            }
            Slot fresh = new Slot(index, Optional.of(fragments));
            slots.set(slot, fresh);
            return fresh.fragments;
        }
    }
}
