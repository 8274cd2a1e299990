package dev.rill.bench;

import dev.rill.spi.PayloadFragment;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.PortRange;
import dev.rill.wire.RtcpPacket;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An RTSP publisher (RFC 2326 §10.3 ANNOUNCE, §10.11 RECORD), as ffmpeg's {@code -f rtsp} is:
 * ANNOUNCE with an SDP of one JPEG/90000 video stream, SETUP of {@code streamid=0} with
 * {@code RTP/AVP/TCP;unicast;interleaved=0-1;mode=record} (or, with UDP,
 * {@code RTP/AVP;unicast;client_port=a-b;mode=record}), RECORD, then the
 * {@link PublishedCycle}'s pictures round and round as RFC 2435 packets in {@code $} frames (UDP:
 * datagrams to the server's {@code server_port}), at
 * {@code fps} frames per second by the wall clock (frame i is due at start + i / fps, so a late
 * frame does not shift later ones), and an RTCP sender report every
 * {@link #SENDER_REPORT_NANOS}; TEARDOWN at the end. Just before a picture's first packet is
 * written, its send time goes into {@link #sendTimes()}, where viewers look it up.
 *
 * <p>One platform thread sends (started by {@link #start}); the connection's own virtual thread
 * reads replies.
 */
final class Publisher implements AutoCloseable {

    /** RFC 3551: JPEG's static payload type. */
    static final int PAYLOAD_TYPE = 26;
    static final int CLOCK_RATE = 90_000;
    static final long SENDER_REPORT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The media's control URL in the SDP, relative to the presentation (as ffmpeg names it). */
    static final String CONTROL = "streamid=0";
    private static final int FRAME_HEADER = 4;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The longest {@link #stop} waits for the sender's last write. */
    static final long STOP_WAIT_SECONDS = 10;

    /**
     * What the publisher did.
     *
     * @param lateFrames frames written more than one frame period after they were due
     * @param maxLateMs  the latest any frame was written after it was due
     * @param teardown   the TEARDOWN reply's status, or why there was none
     */
    record Result(String url, String transport, int width, int height, double fps, int pictures,
                  double averageJpegBytes, long frames, long packets, long bytes, long lateFrames, double maxLateMs,
                  long rtcpIn, Optional<String> error, String teardown) {
    }

    private final RtspUrl url;
    private final PublishedCycle cycle;
    private final double fps;
    private final PublishConnection connection;
    private final SendTimes sendTimes;
    private final String sessionId;
    private final int rtpChannel;
    /** The UDP sockets when publishing over UDP; empty over TCP. */
    private final Optional<UdpPair> udp;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final Thread sender;
    private volatile boolean running = true;
    private volatile Optional<String> error = Optional.empty();
    private volatile long frames;
    // Written by the sender thread, read after it stopped.
    private long packets;
    private long bytes;
    private long lateFrames;
    private long maxLateNanos;

    private Publisher(RtspUrl url, PublishedCycle cycle, double fps, PublishConnection connection, String sessionId,
                      int rtpChannel, Optional<UdpPair> udp) {
        this.url = url;
        this.cycle = cycle;
        this.fps = fps;
        this.connection = connection;
        this.sessionId = sessionId;
        this.rtpChannel = rtpChannel;
        this.udp = udp;
        this.sendTimes = new SendTimes(cycle.hashes());
        this.sender = Thread.ofPlatform().name("rill-bench-publisher").daemon(true).unstarted(this::send);
        sender.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Connects, announces, sets up and records, then starts sending.
     *
     * @throws Handshake.Refused when a request does not get 2xx, naming it and the status
     */
    static Publisher start(RtspUrl url, PublishedCycle cycle, double fps, long timeoutNanos)
            throws IOException, Handshake.Refused {
        return start(url, cycle, fps, timeoutNanos, false);
    }

    /**
     * As {@link #start(RtspUrl, PublishedCycle, double, long)}; with {@code overUdp}, RTP and
     * RTCP go as datagrams from an even/odd port pair bound on the address the RTSP connection
     * uses to the server's {@code server_port} pair.
     */
    static Publisher start(RtspUrl url, PublishedCycle cycle, double fps, long timeoutNanos, boolean overUdp)
            throws IOException, Handshake.Refused {
        if (!(fps > 0 && fps <= 1000)) {
            throw new IllegalArgumentException("publish frame rate must be in (0, 1000]: " + fps);
        }
        PublishConnection c = PublishConnection.connect(url.address(), timeoutNanos);
        Optional<UdpPair> pair = Optional.empty();
        try {
            byte[] sdp = sdp(url, fps).getBytes(StandardCharsets.UTF_8);
            ok(RtspMethod.ANNOUNCE, c.request(RtspMethod.ANNOUNCE, url.text(), sdp,
                    RtspHeaders.CONTENT_TYPE, "application/sdp"));
            String setupUrl = RtspUrl.resolveControl(url.text(), CONTROL);
            Transport offer = Transport.tcp(Handshake.INTERLEAVED);
            if (overUdp) {
                pair = Optional.of(UdpPair.open(c.localAddress(), 0));
                offer = Transport.udp(new PortRange(pair.get().rtpPort(), pair.get().rtpPort() + 1));
            }
            RtspResponse setup = ok(RtspMethod.SETUP, c.request(RtspMethod.SETUP, setupUrl, new byte[0],
                    RtspHeaders.TRANSPORT, offer.withMode("record").format()));
            String id;
            int channel;
            try {
                id = SessionHeader.parse(setup.headers().first(RtspHeaders.SESSION)
                        .orElseThrow(() -> new Handshake.Refused("SETUP reply has no Session header"))).id();
                Transport chosen = Transport.parseList(setup.headers().first(RtspHeaders.TRANSPORT)
                        .orElseThrow(() -> new Handshake.Refused("SETUP reply has no Transport header"))).getFirst();
                channel = chosen.interleaved().map(PortRange::first).orElse(Handshake.INTERLEAVED.first());
                if (overUdp) {
                    PortRange ports = chosen.serverPort()
                            .orElseThrow(() -> new Handshake.Refused("SETUP reply names no server_port for UDP"));
                    InetAddress server = url.address().getAddress();
                    pair.get().connect(new InetSocketAddress(server, ports.first()), new InetSocketAddress(server,
                            ports.last() > ports.first() ? ports.last() : ports.first() + 1));
                }
            } catch (IllegalArgumentException e) {
                throw new Handshake.Refused("SETUP reply: " + e.getMessage());
            }
            ok(RtspMethod.RECORD, c.request(RtspMethod.RECORD, url.text(), new byte[0], RtspHeaders.SESSION, id,
                    RtspHeaders.RANGE, "npt=0.000-"));
            Publisher p = new Publisher(url, cycle, fps, c, id, channel, pair);
            p.sender.start();
            return p;
        } catch (IOException | Handshake.Refused | RuntimeException e) {
            c.close();
            if (pair.isPresent()) {
                pair.get().close();
            }
            throw e;
        }
    }

    /** The SDP of ANNOUNCE (RFC 4566): one JPEG video stream, its control and its frame rate. */
    static String sdp(RtspUrl url, double fps) {
        return "v=0\r\n"
                + "o=- 0 0 IN IP4 " + url.host() + "\r\n"
                + "s=rill-bench publisher\r\n"
                + "c=IN IP4 " + url.host() + "\r\n"
                + "t=0 0\r\n"
                + "m=video 0 RTP/AVP " + PAYLOAD_TYPE + "\r\n"
                + "a=rtpmap:" + PAYLOAD_TYPE + " JPEG/" + CLOCK_RATE + "\r\n"
                + "a=framerate:" + (fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps)) + "\r\n"
                + "a=control:" + CONTROL + "\r\n";
    }

    private static RtspResponse ok(RtspMethod method, RtspResponse r) throws Handshake.Refused {
        if (!r.status().isSuccess()) {
            throw new Handshake.Refused(method.name() + " " + r.status());
        }
        return r;
    }

    SendTimes sendTimes() {
        return sendTimes;
    }

    /** Frames written so far. */
    long frames() {
        return frames;
    }

    /** Why sending stopped early, if it did. */
    Optional<String> error() {
        return error;
    }

    private void send() {
        long period = Math.round(1e9 / fps);
        int maxWire = 0;
        for (List<PayloadFragment> f : cycle.frames()) {
            int n = 0;
            for (PayloadFragment p : f) {
                n += FRAME_HEADER + RtpHeader.LENGTH + p.size();
            }
            maxWire = Math.max(maxWire, n);
        }
        ByteBuffer out = ByteBuffer.allocateDirect(maxWire);
        int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
        long start = System.nanoTime();
        long nextReport = start;
        try {
            for (long i = 0; running; i++) {
                long due = start + Math.round(i * 1e9 / fps);
                long now = System.nanoTime();
                while (running && now < due) {
                    LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
                    now = System.nanoTime();
                }
                if (!running) {
                    return;
                }
                long late = now - due;
                maxLateNanos = Math.max(maxLateNanos, late);
                lateFrames += late > period ? 1 : 0;
                int picture = (int) (i % cycle.count());
                int timestamp = (int) Math.round(i * (double) CLOCK_RATE / fps);
                out.clear();
                for (PayloadFragment f : cycle.frames().get(picture)) {
                    int length = RtpHeader.LENGTH + f.size();
                    out.put((byte) '$').put((byte) rtpChannel).putShort((short) length)
                            .put((byte) 0x80).put((byte) ((f.marker() ? 0x80 : 0) | PAYLOAD_TYPE))
                            .putShort((short) sequence).putInt(timestamp).putInt((int) ssrc);
                    out.put(out.position(), f.payload(), 0, f.size());
                    out.position(out.position() + f.size());
                    sequence = (sequence + 1) & 0xFFFF;
                    packets++;
                    bytes += length;
                }
                out.flip();
                sendTimes.sent(picture, System.nanoTime());
                if (udp.isPresent()) {
                    sendDatagrams(out, udp.get().rtp());
                } else {
                    connection.write(out);
                }
                frames = i + 1;
                if (System.nanoTime() >= nextReport) {
                    senderReport(timestamp);
                    nextReport += SENDER_REPORT_NANOS;
                }
            }
        } catch (IOException e) {
            error = Optional.of("sending stopped after " + frames + " frames: " + e.getMessage()
                    + connection.ended().map(why -> " (" + why + ")").orElse(""));
        }
    }

    /** Sends each {@code $} frame of {@code frames} as one datagram, without its 4-byte frame header. */
    private static void sendDatagrams(ByteBuffer frames, DatagramChannel rtp) throws IOException {
        int limit = frames.limit();
        while (frames.position() < limit) {
            int length = frames.getShort(frames.position() + 2) & 0xFFFF;
            int start = frames.position() + FRAME_HEADER;
            frames.limit(start + length).position(start);
            rtp.write(frames);
            frames.limit(limit).position(start + length);
        }
    }

    /** RFC 3550 §6.4.1: wall clock and RTP time of now, with what was sent so far, on the RTCP channel. */
    private void senderReport(int timestamp) throws IOException {
        byte[] sr = RtcpPacket.encodeCompound(List.of(new RtcpPacket.SenderReport(ssrc,
                RtcpPacket.ntpTimestamp(System.currentTimeMillis()), timestamp & 0xFFFFFFFFL, packets & 0xFFFFFFFFL,
                (bytes - packets * RtpHeader.LENGTH) & 0xFFFFFFFFL, List.of())));
        if (udp.isPresent()) {
            try {
                udp.get().rtcp().write(ByteBuffer.wrap(sr));
            } catch (IOException e) {
                // Nobody at the server's RTCP port (ICMP port unreachable): RTP alone keeps the stream going.
            }
            return;
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + sr.length);
        frame.put((byte) '$').put((byte) (rtpChannel + 1)).putShort((short) sr.length).put(sr).flip();
        connection.write(frame);
    }

    /** Stops sending, sends TEARDOWN and closes the connection; what was sent. */
    Result stop() {
        running = false;
        try {
            sender.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String teardown = "not sent: sending had failed";
        if (sender.isAlive()) {
            // Stuck in a write the server does not take: closing the channel ends it (and the run's publishing).
            connection.close();
            teardown = "not sent: a write was stuck for " + STOP_WAIT_SECONDS + " s";
            error = Optional.of("the server stopped reading the publisher's packets");
        } else if (error.isEmpty()) {
            try {
                RtspResponse r = connection.request(RtspMethod.TEARDOWN, url.text(), new byte[0],
                        RtspHeaders.SESSION, sessionId);
                teardown = r.status().code() + " " + r.status().reason();
            } catch (IOException e) {
                teardown = "no reply: " + e.getMessage();
            }
        }
        connection.close();
        if (udp.isPresent()) {
            try {
                udp.get().close();
            } catch (IOException e) {
                // closing at the end: nothing left to do
            }
        }
        String transport = udp.isPresent() ? "RTP/AVP UDP unicast, mode=record" : "RTP/AVP/TCP interleaved, mode=record";
        return new Result(url.text(), transport, cycle.size().width(), cycle.size().height(),
                fps, cycle.count(), (double) cycle.bytes() / cycle.count(), frames, packets, bytes, lateFrames,
                maxLateNanos / 1e6, connection.framesIn(), error, teardown);
    }

    /**
     * Goes away as a crashed camera would: stops sending and closes the connection with no
     * TEARDOWN (the soak test's vanishing publisher).
     */
    void vanish() {
        running = false;
        connection.close();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (udp.isPresent()) {
            try {
                udp.get().close();
            } catch (IOException e) {
                // going away: nothing left to do
            }
        }
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }
}
