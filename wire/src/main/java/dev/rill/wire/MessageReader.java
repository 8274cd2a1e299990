package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reading half of an {@link RtspClient}'s connection: bytes from the socket into an
 * {@link RtspDecoder}, messages out with the text they arrived as. A copy of the bytes the decoder
 * holds is kept beside it, so that a response is handed on with exactly its own bytes (what the
 * exchange log shows and what tests of the classic dialect compare) and so that a detached
 * connection's reader gets the bytes no message took. Used by one thread at a time; not thread-safe.
 */
final class MessageReader {

    /** Receives each message and, for a response or request, its bytes as ISO-8859-1 text ("" for a frame). */
    interface Sink {
        void message(RtspMessage message, String text);
    }

    private static final int READ_BUFFER = 16 * 1024;
    private static final int INITIAL_COPY = 2048;

    private final Socket socket;
    private final InputStream in;
    private final boolean classic;
    private final long graceNanos;
    private final RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
    private final byte[] buffer = new byte[READ_BUFFER];
    /** {@code copy[start, end)} are the bytes the decoder has not yet returned as messages. */
    private byte[] copy = new byte[INITIAL_COPY];
    private int start;
    private int end;
    /** When bytes last came, {@code System.nanoTime()}. */
    private long lastBytes;
    /** Written by the reading thread only. */
    private volatile long received;

    MessageReader(Socket socket, boolean classic, Duration grace) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.classic = classic;
        this.graceNanos = grace.toNanos();
    }

    /**
     * Waits at most {@code maxWaitNanos} for bytes and passes on every message they complete. A
     * classic message that may be complete is completed once no byte has come for the grace; the
     * wait ends then, so that the next call completes it.
     *
     * @return false at the end of the stream
     */
    boolean readOnce(long maxWaitNanos, Sink sink) throws IOException, RtspParseException {
        long wait = maxWaitNanos;
        if (classic && decoder.completableWhenIdle()) {
            long quiet = lastBytes + graceNanos - System.nanoTime();
            if (quiet <= 0) {
                idle(sink);
                return true;
            }
            wait = Math.min(wait, quiet);
        }
        socket.setSoTimeout(millis(wait));
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            return true;
        }
        if (n < 0) {
            if (classic) {
                idle(sink); // the course's Python server ends its last reply without a line end, then closes
            }
            return false;
        }
        lastBytes = System.nanoTime();
        received += n;
        append(n);
        decoder.feed(buffer, 0, n);
        drain(sink);
        return true;
    }

    /** Passes on every complete message; after it, the copy holds exactly the bytes the decoder holds. */
    void drain(Sink sink) throws RtspParseException {
        for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
            pass(m.get(), sink);
        }
        start = end - decoder.buffered(); // blank lines the decoder skipped
    }

    /** The bytes read that no message took (the start of one not yet complete); call after {@link #drain}. */
    byte[] unread() {
        return Arrays.copyOfRange(copy, start, end);
    }

    /** Bytes read from the connection so far. */
    long received() {
        return received;
    }

    private void idle(Sink sink) throws RtspParseException {
        Optional<RtspMessage> message = decoder.idle();
        if (message.isPresent()) {
            pass(message.get(), sink);
        }
        drain(sink);
    }

    private void pass(RtspMessage message, Sink sink) {
        // The decoder consumes in order: what it let go of since the last message is this one,
        // after any blank lines it skipped before it (a message never starts with CR or LF).
        int from = start;
        start = end - decoder.buffered();
        if (message instanceof InterleavedFrame) {
            sink.message(message, "");
            return;
        }
        while (from < start && (copy[from] == '\r' || copy[from] == '\n')) {
            from++;
        }
        sink.message(message, new String(copy, from, start - from, StandardCharsets.ISO_8859_1));
    }

    private void append(int n) {
        if (end + n > copy.length) {
            System.arraycopy(copy, start, copy, 0, end - start);
            end -= start;
            start = 0;
            if (end + n > copy.length) {
                copy = Arrays.copyOf(copy, Math.max(end + n, 2 * copy.length)); // bounded: the decoder holds at most its capacity
            }
        }
        System.arraycopy(buffer, 0, copy, end, n);
        end += n;
    }

    /** A socket timeout in milliseconds: at least 1, since 0 would mean forever. */
    static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
    }
}
