package dev.rill.server;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.wire.PortRange;
import dev.rill.wire.SessionDescription;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publishing session of a {@code publish} mount (RFC 2326 §10.3, §10.11): created by
 * ANNOUNCE, given a transport by SETUP with {@code mode=record}, started by RECORD. Its RTP (over
 * the RTSP connection, or UDP to ports of its own) goes through the mount's depayloader, and each
 * whole frame to the mount's source. It ends on TEARDOWN, when its connection closes, or when
 * nothing (RTP, RTCP, a request) has come from it for the session timeout.
 */
final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    /** How often the watchdog looks at the clock. */
    private static final long WATCH_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    enum State { ANNOUNCED, READY, RECORDING, GONE }

    private final String id;
    private final RtspConnection connection;
    private final PublishedSource source;
    private final SessionDescription description;
    private final Depayloader depayloader;
    private final long timeoutNanos;
    private final Thread watchdog;
    private final AtomicLong packetsDropped = new AtomicLong();
    /** Guards the state's changes; reads need no lock. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State state = State.ANNOUNCED;
    private volatile long lastHeard = System.nanoTime();
    private volatile String transport = "";
    /** RTP and RTCP channels over the RTSP connection; -1 when the publisher sends over UDP. */
    private volatile int rtpChannel = -1;
    private volatile int rtcpChannel = -1;
    private volatile PublisherPorts ports;

    Publisher(String id, RtspConnection connection, PublishedSource source, SessionDescription description,
              Depayloader depayloader, int timeoutSeconds) {
        this.id = id;
        this.connection = connection;
        this.source = source;
        this.description = description;
        this.depayloader = depayloader;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.watchdog = Thread.ofVirtual().name("rill-publisher " + id).unstarted(this::watch);
    }

    void start() {
        LOG.info("{}: announces {} ({} payload type {})", peer(), source.path(), description.encoding(),
                description.payloadType());
        watchdog.start();
    }

    String id() {
        return id;
    }

    InetSocketAddress peer() {
        return connection.peer();
    }

    PublishedSource source() {
        return source;
    }

    State state() {
        return state;
    }

    /** A request for this session arrived: it is alive. */
    void touch() {
        lastHeard = System.nanoTime();
    }

    /** RTP and RTCP come as {@code $} frames on these channels of the RTSP connection; false once ended. */
    boolean interleaved(PortRange channels) {
        lock.lock();
        try {
            if (state != State.ANNOUNCED) {
                return false;
            }
            rtpChannel = channels.first();
            rtcpChannel = channels.last();
            transport = "TCP";
            state = State.READY;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * RTP and RTCP come over UDP to {@code udp}'s ports, which this publisher now owns (and
     * closes); false once ended.
     */
    boolean udp(PublisherPorts udp) {
        lock.lock();
        try {
            if (state != State.ANNOUNCED) {
                udp.close();
                return false;
            }
            ports = udp;
            transport = "UDP";
            state = State.READY;
            udp.start(this);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** RECORD: frames count from now; true unless the publisher was not set up (or has ended). */
    boolean record() {
        lock.lock();
        try {
            if (state != State.READY && state != State.RECORDING) {
                return false;
            }
            if (state == State.READY) {
                LOG.info("{}: publishes {} over {}", peer(), source.path(), transport);
            }
            state = State.RECORDING;
            touch();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * PAUSE (RFC 2326 §10.6): recording halts, packets are dropped until the next RECORD; false
     * unless the stream is set up.
     */
    boolean pause() {
        lock.lock();
        try {
            if (state != State.READY && state != State.RECORDING) {
                return false;
            }
            state = State.READY;
            touch();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A {@code $} frame from the connection; false when it is not one of this publisher's channels. */
    boolean interleavedFrame(int channel, byte[] payload) {
        if (channel == rtpChannel && channel >= 0) {
            rtp(payload, 0, payload.length);
            return true;
        }
        if (channel == rtcpChannel && channel >= 0) {
            touch();
            return true;
        }
        return false;
    }

    /**
     * An RTP packet: malformed ones, other payload types and packets before RECORD are counted and
     * dropped; the depayloader itself bounds what a frame that never completes can hold.
     */
    void rtp(byte[] bytes, int offset, int length) {
        long now = System.nanoTime();
        lastHeard = now;
        source.received(length);
        if (state != State.RECORDING) {
            packetsDropped.incrementAndGet();
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(bytes, offset, length);
        } catch (MalformedPacketException e) {
            packetsDropped.incrementAndGet();
            return;
        }
        if (packet.payloadType() != description.payloadType()) {
            packetsDropped.incrementAndGet();
            return;
        }
        Optional<ReceivedFrame> frame;
        try {
            frame = depayloader.push(packet);
        } catch (RuntimeException e) {
            packetsDropped.incrementAndGet(); // one bad packet costs its frame, not the stream
            LOG.debug("{}: packet refused: {}", peer(), e.toString());
            return;
        }
        frame.ifPresent(f -> source.deliver(this, f.timestamp(), f.data(), now));
    }

    /** An RTCP packet over UDP: only keeps the session alive. */
    void rtcp() {
        touch();
    }

    /** Frames the depayloader dropped (packets missing or malformed). */
    long framesDropped() {
        return depayloader.framesDropped();
    }

    long packetsDropped() {
        return packetsDropped.get();
    }

    /** Ends the session: ports closed, the mount free for the next publisher, its viewers ended. Idempotent. */
    void end(String why) {
        PublisherPorts udp;
        lock.lock();
        try {
            if (state == State.GONE) {
                return;
            }
            state = State.GONE;
            udp = ports;
        } finally {
            lock.unlock();
        }
        if (udp != null) {
            udp.close();
        }
        // The watchdog sees GONE within a step; it is not interrupted, since end() may run on it and an
        // interrupted thread's channel I/O (the BYEs that follow) would close the server's RTCP socket.
        connection.unpublish(this);
        LOG.info("{}: stops publishing {} ({}); frames dropped {}, packets dropped {}", peer(), source.path(), why,
                framesDropped(), packetsDropped());
        source.release(this);
    }

    private void watch() {
        while (state != State.GONE) {
            LockSupport.parkNanos(WATCH_STEP_NANOS);
            if (state != State.GONE && System.nanoTime() - lastHeard > timeoutNanos) {
                end("nothing from the publisher for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
        }
    }
}
