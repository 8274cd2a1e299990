package dev.rill.bench;

import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One session the load generator opens: its RTSP connection, its UDP sockets (standard UDP) or
 * interleaved channel (TCP), or its HTTP MJPEG connection; what it received ({@link StreamStats})
 * and the round trips of its requests. An HTTP viewer's parts count as frames of one packet
 * each, numbered in sequence and stamped one expected frame period apart, so that frame rates,
 * inter-frame intervals and schedule offsets are measured as for RTP. A session in the latency
 * sample also hashes its frames ({@link FrameLatency}). Written by its handshake's virtual thread until it is registered with a
 * {@link ReceiverLoop}; from then on the reception fields belong to that loop's thread.
 */
final class LoadSession implements InterleavedParser.Listener, MultipartParser.Listener {

    /** The requests whose round trips are timed, in the order they are sent. */
    enum Step { OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET }

    private final int index;
    private final StreamStats stats = new StreamStats();
    /** Round trip per {@link Step}, nanoseconds; 0 when the request was not made or failed. */
    private final long[] roundTrips = new long[Step.values().length];
    private final CountDownLatch teardownReplied = new CountDownLatch(1);

    // Set by the handshake.
    private Optional<RtspControl> control = Optional.empty();
    private Optional<UdpPair> udp = Optional.empty();
    private Optional<HttpViewer> http = Optional.empty();
    /** Set before the session goes to a receiver; null when it is not in the latency sample. */
    private FrameLatency latency;
    private String sessionId = "";
    private String aggregateUrl = "";
    private long serverSsrc = -1;
    private int grantedReceive;
    /** The RTP socket's descriptor for batch reads, set by the receiver that owns this session; -1: none. */
    private int rtpDescriptor = -1;

    // Owned by the receiver thread once registered.
    private ReceiverLoop owner;
    private long rtcpPackets;
    private long nextReceiverReport;
    private boolean closedByServer;
    private long parts;
    private long partBytes;

    private volatile long teardownSentNanos;
    private volatile long playAnsweredNanos;

    LoadSession(int index) {
        this.index = index;
    }

    int index() {
        return index;
    }

    StreamStats stats() {
        return stats;
    }

    void roundTrip(Step step, long nanos) {
        roundTrips[step.ordinal()] = nanos;
    }

    long roundTrip(Step step) {
        return roundTrips[step.ordinal()];
    }

    void control(RtspControl c) {
        control = Optional.of(c);
    }

    Optional<RtspControl> control() {
        return control;
    }

    void udp(UdpPair pair) {
        udp = Optional.of(pair);
    }

    Optional<UdpPair> udp() {
        return udp;
    }

    void http(HttpViewer viewer) {
        http = Optional.of(viewer);
    }

    Optional<HttpViewer> http() {
        return http;
    }

    void latency(FrameLatency l) {
        latency = l;
    }

    /** The latency measure of a session in the sample; empty for the others. */
    Optional<FrameLatency> latency() {
        return Optional.ofNullable(latency);
    }

    /** JPEG bytes of the HTTP parts received (owned by the receiver; read after it stopped). */
    long partBytes() {
        return partBytes;
    }

    void established(String id, String url, long ssrc) {
        sessionId = id;
        aggregateUrl = url;
        serverSsrc = ssrc;
    }

    /** The receive buffer the media socket got (UDP: the RTP socket; TCP: the RTSP connection), bytes. */
    int grantedReceive() {
        return grantedReceive;
    }

    void grantedReceive(int bytes) {
        grantedReceive = bytes;
    }

    String sessionId() {
        return sessionId;
    }

    String aggregateUrl() {
        return aggregateUrl;
    }

    /** The SSRC the server announced in SETUP's Transport, or -1. */
    long serverSsrc() {
        return serverSsrc;
    }

    /** Called by the receiver thread when it registers this session. */
    int rtpDescriptor() {
        return rtpDescriptor;
    }

    void rtpDescriptor(int fd) {
        rtpDescriptor = fd;
    }

    void ownedBy(ReceiverLoop loop, long firstReportDue) {
        owner = loop;
        nextReceiverReport = firstReportDue;
    }

    long nextReceiverReport() {
        return nextReceiverReport;
    }

    void nextReceiverReport(long due) {
        nextReceiverReport = due;
    }

    void countRtcp() {
        rtcpPackets++;
    }

    long rtcpPackets() {
        return rtcpPackets;
    }

    void closedByServer() {
        closedByServer = true;
    }

    boolean wasClosedByServer() {
        return closedByServer;
    }

    /** An RTP packet on the interleaved channel; ignored until a receiver owns the session. */
    @Override
    public void rtp(int sequence, boolean marker, int timestamp) {
        ReceiverLoop loop = owner;
        if (loop != null) {
            stats.onPacket(sequence, marker, timestamp, marker ? System.nanoTime() : 0, loop.window(), loop.intervals());
        }
    }

    @Override
    public boolean wantsPackets() {
        return latency != null;
    }

    /** A whole RTP packet of a session in the latency sample (interleaved). */
    @Override
    public void packet(ByteBuffer packet) {
        ReceiverLoop loop = owner;
        if (loop != null && latency != null) {
            latency.packet(packet, loop.window(), loop.latencies());
        }
    }

    /** A whole part of an HTTP viewer: one frame, counted as one packet with the marker bit. */
    @Override
    public void part(int bytes) {
        ReceiverLoop loop = owner;
        if (loop == null) {
            return;
        }
        StreamStats.Window w = loop.window();
        int timestamp = (int) Math.round(parts * w.timestampUnitsPerFrame());
        stats.onPacket((int) (parts & 0xFFFF), true, timestamp, System.nanoTime(), w, loop.intervals());
        parts++;
        partBytes += bytes;
    }

    @Override
    public void otherFrame(int channel, int length) {
        rtcpPackets++;
    }

    /** A response on a handed-off (interleaved) connection: the TEARDOWN's. */
    @Override
    public void response(RtspResponse response) {
        long sent = teardownSentNanos;
        if (sent != 0 && teardownReplied.getCount() > 0) {
            if (response.status().isSuccess()) {
                roundTrips[Step.TEARDOWN.ordinal()] = System.nanoTime() - sent;
            }
            teardownReplied.countDown();
        }
    }

    /** When the PLAY reply arrived ({@code System.nanoTime()}): where the session's schedule starts. */
    void playAnswered(long nanos) {
        playAnsweredNanos = nanos;
    }

    /** When the PLAY reply arrived; 0 before it did. */
    long playAnswered() {
        return playAnsweredNanos;
    }

    void teardownSent(long nanos) {
        teardownSentNanos = nanos;
    }

    CountDownLatch teardownReplied() {
        return teardownReplied;
    }

    /** Closes the RTSP connection and the UDP sockets. */
    void close() {
        control.ifPresent(c -> closeQuietly(c::close));
        udp.ifPresent(u -> closeQuietly(u::close));
        http.ifPresent(h -> closeQuietly(h::close));
    }

    private interface Closer {
        void close() throws IOException;
    }

    private static void closeQuietly(Closer closer) {
        try {
            closer.close();
        } catch (IOException e) {
            // closing at the end of a run: nothing left to do about it
        }
    }
}
