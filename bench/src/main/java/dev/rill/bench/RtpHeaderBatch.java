package dev.rill.bench;

import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the RTP datagrams waiting on one UDP socket with one system call ({@code recvmmsg}),
 * keeping of each only its fixed header and its real length ({@code MSG_TRUNC}): what the
 * receiver counts; and finds the sockets with datagrams waiting with its own {@code epoll}
 * (the JDK's selector boxes every ready descriptor, garbage at 60,000 frames a second). On
 * loopback a reader of one datagram a call costs about as much CPU as the server's send of it,
 * and that CPU and its collections are taken from the server being measured. The implementation,
 * {@code LinuxRtpHeaderBatch}, exists only in the jar's {@code META-INF/versions/22} and reads a
 * channel's descriptor through {@code sun.nio.ch.SelChImpl}, so the JVM must run with
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the bench scripts pass it).
 * One instance per receiver thread: its buffers are reused by every read.
 */
interface RtpHeaderBatch extends AutoCloseable {

    String IMPLEMENTATION = "dev.rill.bench.LinuxRtpHeaderBatch";
    /** Datagrams one read takes at most. */
    int CAPACITY = 64;
    /** Ready sockets one {@link #poll} reports at most. */
    int EVENTS = 1024;
    /** Bytes kept of each datagram: the fixed header, rounded up. */
    int SLOT = 16;

    /** The descriptor of {@code channel}, which must stay registered with this thread's selector while it is read. */
    OptionalInt descriptor(DatagramChannel channel);

    /** Reads what waits on {@code fd}: the number of datagrams, 0 when none waits, -1 on an error. */
    int read(int fd);

    /** The real length of datagram {@code i} of the last read. */
    int length(int i);

    /** The headers of the last read: datagram {@code i}'s at {@code i * SLOT}, big-endian. */
    ByteBuffer headers();

    /**
     * Watches {@code fd} for datagrams, reported by {@link #poll} as {@code token}; false when the
     * kernel refuses. A descriptor closed is no longer watched (the caller keeps it open, e.g.
     * registered with its selector, while it may still read it).
     */
    boolean watch(int fd, int token);

    /** The watched sockets with datagrams waiting, at most {@link #EVENTS}, without waiting; -1 on an error. */
    int poll();

    /** The token of ready socket {@code i} of the last {@link #poll}. */
    int token(int i);

    @Override
    void close();

    /** A batch for one receiver thread, or empty with the reason in {@code why}. */
    static Optional<RtpHeaderBatch> load(StringBuilder why) {
        try {
            RtpHeaderBatch batch = (RtpHeaderBatch) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
            Optional<String> unavailable = batch.unavailable();
            unavailable.ifPresent(why::append);
            return unavailable.isPresent() ? Optional.empty() : Optional.of(batch);
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            why.append("its release-22 classes are missing or cannot load (").append(e).append(')');
            return Optional.empty();
        }
    }

    /** Why this batch cannot read in this JVM; empty when it can. */
    Optional<String> unavailable();
}
