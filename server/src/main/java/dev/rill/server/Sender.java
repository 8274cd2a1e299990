package dev.rill.server;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.RtpPacket;
import dev.rill.server.udp.RtpSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the frames of its share of the playing sessions when they are due (the server runs one
 * sender per core, each with its own socket). Playing sessions wait in a schedule ordered by due
 * time; the sender's thread sleeps until the earliest is due, then sends every frame that is due
 * (within {@link #BATCH_NANOS}) in one wake-up: no thread and no wake-up per session. Per packet
 * the only work is a 12-byte RTP header in front of a fragment shared by every session. The UDP
 * frames of one wake-up are queued on the {@link RtpSocket} and leave together when the wake-up
 * ends (or the socket's batch is full): on Linux a few {@code sendmmsg} calls for all of them.
 *
 * <p>The socket is non-blocking and nobody waits on it: a thread blocked in a receive on it
 * (directly or through a poller) would be looked at by the kernel after every datagram sent,
 * to see whether it wants to write. So the sender also empties the socket of anything clients
 * send to the RTP port (NAT openers, junk), now and then between its batches.
 */
final class Sender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    /** Frames due this soon are sent in the same wake-up: early by at most this, never late. */
    static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The longest the thread sleeps without looking at the schedule again. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How soon the sender comes back to a session whose lock a request holds right now. */
    static final long BUSY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often datagrams that arrived on the RTP port are read and dropped. */
    static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Datagrams read per drain at most: the rest waits for the next one (or the kernel drops it). */
    static final int DRAIN_BATCH = 64;

    private final RtpSocket rtp;
    /**
     * Playbacks handed over (new plays, stored plays whose frame is ready, live plays with a new
     * frame), the top of a stack linked through the playbacks themselves: pushed without a lock
     * (a connection thread that is descheduled while it holds a lock the sender needs would
     * stall every stream) and without allocating (see {@link Playback}).
     */
    private final AtomicReference<Playback> incoming = new AtomicReference<>();
    /** The schedule itself: only the sender thread touches it. */
    private final DueQueue<Playback> schedule = new DueQueue<>();
    /** Playbacks whose session was busy at their due time, tried again shortly. */
    private final ArrayDeque<Playback> busy = new ArrayDeque<>();
    /** The sessions of the frames queued on {@link #rtp} in this wake-up, by frame number. */
    private final List<Session> queued = new ArrayList<>();
    /** RTP headers of the frame being queued: 12 bytes a packet, grown for the largest frame. */
    private ByteBuffer headers = ByteBuffer.allocate(64 * RtpPacket.HEADER_LENGTH);
    private final Thread thread;
    private volatile boolean running = true;
    private long busyRetryAt;
    private long nextDrain;
    /** Due time of the earliest frame not yet sent, as of the last wake-up; MAX_VALUE when none. */
    private volatile long earliestUnsent = Long.MAX_VALUE;

    /** @param rtp the socket RTP leaves through (bound to the server's RTP port), used by this sender only */
    Sender(RtpSocket rtp) {
        this.rtp = rtp;
        this.thread = Thread.ofPlatform().name("rill-sender").daemon(true).unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    /**
     * How far behind its schedule this sender is at {@code now}: 0 when idle or on time. A sender
     * that is starved of CPU stops updating its state, so this grows while it waits to run.
     */
    long lagNanos(long now) {
        long d = earliestUnsent;
        return d == Long.MAX_VALUE ? 0 : Math.max(0, now - d);
    }

    /**
     * Adds a playback to the schedule at its due time: a new play, a stored play whose frame the
     * prefetch stage has just prepared, a live play with a new frame. Any thread; never blocks.
     */
    void schedule(Playback playback) {
        if (!playback.claimIncoming()) {
            return;   // already on its way to the sender
        }
        Playback top;
        do {
            top = incoming.get();
            playback.below(top);
        } while (!incoming.compareAndSet(top, playback));
        // Onto an empty stack: the sender may be asleep. Otherwise whoever made it non-empty woke it.
        if (top == null) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        List<Playback> due = new ArrayList<>();
        while (running) {
            try {
                takeDue(due);
                for (Playback p : due) {
                    send(p);
                }
            } catch (RuntimeException e) {
                // A bug must not stop every stream: log it and go on with the next frames.
                LOG.error("sender: unexpected fault", e);
            } finally {
                due.clear();
                flush();
            }
        }
    }

    /** Sends {@code p}'s next frame, or sets it aside when a request holds its session. */
    private void send(Playback p) {
        Session session = p.session();
        if (!session.lock().tryLock()) {
            if (busy.isEmpty()) {
                busyRetryAt = System.nanoTime() + BUSY_RETRY_NANOS;
            }
            busy.add(p);
            return;
        }
        try {
            if (p.cancelled()) {
                return;
            }
            boolean again = switch (p) {
                case StoredPlayback stored -> sendStoredLocked(stored, System.nanoTime());
                case LivePlayback live -> sendLiveLocked(live);
            };
            if (again) {
                schedule.add(p, p.due());
            }
        } finally {
            session.lock().unlock();
        }
    }

    /** Sleeps (bounded) until something is due, then moves everything due into {@code due}. */
    private void takeDue(List<Playback> due) {
        while (running) {
            for (Playback p = incoming.getAndSet(null); p != null; ) {
                Playback below = p.below();
                p.taken();
                schedule.add(p, p.due());
                p = below;
            }
            earliestUnsent = schedule.peekDue();
            long now = System.nanoTime();
            if (now >= nextDrain) {
                nextDrain = now + DRAIN_NANOS;
                drain();
            }
            if (!busy.isEmpty() && now >= busyRetryAt) {
                due.addAll(busy);
                busy.clear();
            }
            long horizon = now + BATCH_NANOS;
            while (!schedule.isEmpty() && (schedule.peekDue() <= horizon || schedule.peek().cancelled())) {
                Playback p = schedule.poll();
                if (!p.cancelled()) {
                    due.add(p);
                }
            }
            if (!due.isEmpty()) {
                return;
            }
            long wait = schedule.isEmpty() ? MAX_SLEEP_NANOS
                    : Math.min(schedule.peekDue() - now - BATCH_NANOS / 2, MAX_SLEEP_NANOS);
            if (!busy.isEmpty()) {
                wait = Math.min(wait, busyRetryAt - now);
            }
            wait = Math.min(wait, nextDrain - now);
            // parkNanos may return early (unpark, spuriously): the loop looks again.
            LockSupport.parkNanos(this, Math.max(wait, 1000));
        }
    }

    /**
     * Sends the next frame of a stored play if it is due, under its session's lock; true when the
     * playback goes back into the schedule (at its next frame's due time), false when it ended or
     * waits in the feed for a frame being prepared (the feed hands it back).
     */
    private boolean sendStoredLocked(StoredPlayback p, long now) {
        Session session = p.session();
        PreparedFrame frame = p.next(now);
        if (frame == null) {
            return false;
        }
        if (frame == StoredFeed.UNREADABLE) {
            session.endOfStreamLocked();
            return false;
        }
        long due = p.dueOf(frame);
        if (frame == StoredPlayback.END) {
            // The end comes when the last frame has had its time on screen.
            if (due > now + BATCH_NANOS) {
                p.dueAt(due);
                return true;
            }
            session.endOfStreamLocked();
            return false;
        }
        if (due > now + BATCH_NANOS) {
            // Handed back by the feed before its time, or just learnt: wait for it.
            p.dueAt(due);
            return true;
        }
        p.catchUp(now, frame);
        if (!sendFrameLocked(session, frame, session.timestampAt(p.mediaTime(frame)), now)) {
            return false;
        }
        p.advance(now);
        PreparedFrame following = p.next(now);
        if (following == null) {
            return false;
        }
        p.dueAt(p.dueOf(following));
        return true;
    }

    /** Sends the newest frame a live play was handed, if any; it is woken again by the next one. */
    private boolean sendLiveLocked(LivePlayback p) {
        PreparedFrame frame = p.take();
        if (frame != null) {
            Session session = p.session();
            sendFrameLocked(session, frame, session.timestampAt(frame.timeNanos()), System.nanoTime());
        }
        return false;
    }

    /** Sends one prepared frame of {@code session}; false when sending failed and the session stopped. */
    private boolean sendFrameLocked(Session session, PreparedFrame frame, long timestamp, long now) {
        List<PayloadFragment> list = frame.fragments();
        long bytes = switch (session.target()) {
            case RtpTarget.Udp udp -> sendUdp(session, udp.rtp(), list, timestamp);
            case RtpTarget.Interleaved tcp -> queueInterleaved(session, tcp, list, timestamp);
        };
        if (bytes < 0) {
            session.stopLocked();
            return false;
        }
        session.countSent(list.size(), bytes, list.isEmpty() ? 0 : 1, timestamp, now);
        return true;
    }

    /**
     * Queues a frame's packets on the RTP socket, with this session's headers (sequence numbers
     * taken now, in order); returns their bytes. They leave at the latest at {@link #flush}.
     */
    private long sendUdp(Session session, InetSocketAddress to, List<PayloadFragment> fragments, long timestamp) {
        int room = fragments.size() * RtpPacket.HEADER_LENGTH;
        if (headers.capacity() < room) {
            headers = ByteBuffer.allocate(room);
        }
        headers.clear();
        long bytes = 0;
        for (PayloadFragment fragment : fragments) {
            RtpPacket.writeHeader(headers, fragment.marker(), session.format().payloadType(),
                    session.takeSequenceLocked(), timestamp, session.ssrc());
            bytes += RtpPacket.HEADER_LENGTH + fragment.size();
        }
        headers.flip();
        int frame = rtp.queue(to, headers, fragments);
        if (frame != queued.size()) {
            throw new IllegalStateException("RTP socket numbered frame " + frame + ", expected " + queued.size());
        }
        queued.add(session);
        return bytes;
    }

    /** Sends what this wake-up queued; a session whose destination refused its frame stops. */
    private void flush() {
        try {
            rtp.flush((frame, why) -> refused(queued.get(frame), why));
        } finally {
            queued.clear();
        }
    }

    private void refused(Session session, String why) {
        LOG.warn("{}: cannot send RTP, stopping: {}", session, why);
        // A request holding the lock now: its next frame is refused again and stops it then.
        if (session.lock().tryLock()) {
            try {
                session.stopLocked();
            } finally {
                session.lock().unlock();
            }
        }
    }

    /** Reads and drops what clients sent to the RTP port, at most {@link #DRAIN_BATCH} datagrams. */
    private void drain() {
        rtp.drain(DRAIN_BATCH);
    }

    /**
     * Queues a frame's packets as one block of {@code $} frames on the session's connection, so
     * that a slow reader loses whole frames, never parts of one: the framing and this session's
     * headers in one small buffer, the payloads as views of the shared fragments (not copied).
     */
    private long queueInterleaved(Session session, RtpTarget.Interleaved tcp, List<PayloadFragment> fragments,
                                  long timestamp) {
        int n = fragments.size();
        int head = InterleavedFrame.HEADER_LENGTH + RtpPacket.HEADER_LENGTH;
        ByteBuffer heads = ByteBuffer.allocate(n * head);
        ByteBuffer[] block = new ByteBuffer[2 * n];
        long bytes = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            PayloadFragment fragment = fragments.get(i);
            int length = RtpPacket.HEADER_LENGTH + fragment.size();
            int at = heads.position();
            heads.put(InterleavedFrame.MAGIC).put((byte) tcp.rtpChannel()).putShort((short) length);
            RtpPacket.writeHeader(heads, fragment.marker(), session.format().payloadType(),
                    session.takeSequenceLocked(), timestamp, session.ssrc());
            block[2 * i] = heads.slice(at, head);
            block[2 * i + 1] = fragment.payload().duplicate();
            bytes += length;
            total += InterleavedFrame.HEADER_LENGTH + length;
        }
        tcp.connection().queueMedia(block, total);
        return bytes;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
