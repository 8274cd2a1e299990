package dev.rill.server.udp;

import dev.rill.spi.PayloadFragment;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One sender's RTP socket, bound to the server's RTP port: it sends frames in batches. A frame
 * is queued with its session's RTP headers; the packets leave at the latest at {@link #flush}
 * (the portable socket sends at once, the native one when the batch is full or flushed).
 * Only the owning sender thread calls it.
 */
public interface RtpSocket extends AutoCloseable {

    /** Why a destination refused a frame, reported by {@link #flush}. */
    @FunctionalInterface
    interface Refusals {
        /**
         * @param frame the frame's number, as {@link #queue} returned it
         * @param why   the error, for the log
         */
        void refused(int frame, String why);
    }

    /**
     * Queues one frame for {@code to}. Packet {@code i} is the 12-byte RTP header at
     * {@code headers[12 i]} followed by fragment {@code i}'s payload. The headers are copied now;
     * the payloads are read until the next {@link #flush} and must not change (they are shared,
     * immutable prepared frames).
     *
     * @param headers {@code 12 * fragments.size()} bytes from its position; the position is not moved
     * @return the frame's number since the last {@link #flush}: 0, 1, 2, ...
     */
    int queue(InetSocketAddress to, ByteBuffer headers, List<PayloadFragment> fragments);

    /**
     * Sends everything queued, then reports the frames a destination refused (an error other
     * than a full socket buffer, e.g. {@code EPERM} from a firewall): the others are sent all
     * the same. A full buffer is waited for briefly, then its packets are dropped and counted
     * ({@link FullBuffer}). The frame numbers start again at 0.
     */
    void flush(Refusals refusals);

    /** Reads and drops up to {@code max} datagrams that clients sent to the RTP port; never blocks. */
    void drain(int max);

    /** The path this socket sends on now (a native socket may fall back from GSO at its first send). */
    SendPath path();

    @Override
    void close();
}
