package dev.rill.client;

import dev.rill.spi.Depayloader;
import dev.rill.spi.InterleavedFrame;
import dev.rill.wire.PortRange;
import dev.rill.wire.RtspClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The media side of one RTSP session: where packets come in (UDP ports or the RTSP connection's
 * interleaved channels), the receiver, jitter buffer and playout behind them, and the RTCP
 * receiver reports going back. Made after SETUP, closed at TEARDOWN.
 */
final class StreamSession implements AutoCloseable {

    /** Frames the jitter buffer holds at most. */
    static final int BUFFER_FRAMES = 16;
    /** Presentation time the jitter buffer holds at most. */
    static final Duration BUFFER_SPAN = Duration.ofMillis(500);
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final String target;
    private final Optional<UdpPorts> udp;
    private final RtspClient client;
    private final Dialogue.Setup setup;
    private final Optional<InetSocketAddress> serverRtcp;
    private final ReceptionStats stats;
    private final Playout playout;
    private final StreamReceiver receiver;
    private final ReceiverReports reports;
    private final boolean fellBackToTcp;
    private final AtomicLong reportsSent = new AtomicLong();

    private final ReentrantLock timeLock = new ReentrantLock();
    private long playingNanos;
    private long playingSince = -1;
    private long rateAt = -1;
    private long rateBytes;
    private long rateReceived;
    private long rateShown;
    private double[] rates = {0, 0, 0};
    private boolean haveRates;

    /**
     * Starts receiving for a session SETUP has just made.
     *
     * @param udp the ports announced in SETUP; empty for TCP interleaved
     */
    StreamSession(String target, Optional<UdpPorts> udp, RtspClient client, Dialogue.Setup setup,
                  Dialogue.Stream stream, Depayloader depayloader, FrameSink sink, Duration playoutDelay,
                  StreamReceiver.Events events, boolean fellBackToTcp) {
        this.target = target;
        this.udp = udp;
        this.client = client;
        this.setup = setup;
        this.fellBackToTcp = fellBackToTcp;
        this.stats = new ReceptionStats(stream.clockRate());
        this.playout = new Playout(new JitterBuffer(stream.clockRate(), playoutDelay.toNanos(), BUFFER_FRAMES,
                BUFFER_SPAN.toNanos()), sink).start();
        this.receiver = new StreamReceiver(depayloader, stats, playout, OptionalLong.empty(), stream.payloadType(),
                events);
        this.reports = new ReceiverReports(ThreadLocalRandom.current().nextLong(1L << 32),
                "rill@" + client.localAddress().getHostAddress());
        this.serverRtcp = udp.isPresent() ? setup.serverPorts().map(p -> new InetSocketAddress(client.serverAddress(),
                p.isSingle() ? Math.min(PortRange.MAX_PORT, p.first() + 1) : p.last())) : Optional.empty();
        if (udp.isPresent()) {
            udp.get().start(receiver);
        } else {
            PortRange channels = setup.interleaved().orElse(new PortRange(0, 1));
            int rtcpChannel = channels.isSingle() ? channels.first() + 1 : channels.last();
            client.onInterleaved(frame -> interleaved(frame, channels.first(), rtcpChannel));
        }
    }

    private void interleaved(InterleavedFrame frame, int rtpChannel, int rtcpChannel) {
        if (frame.channel() == rtpChannel) {
            receiver.rtp(frame.payload(), 0, frame.payload().length);
        } else if (frame.channel() == rtcpChannel) {
            receiver.rtcp(frame.payload(), 0, frame.payload().length);
        }
    }

    boolean isTcp() {
        return udp.isEmpty();
    }

    Dialogue.Setup setup() {
        return setup;
    }

    StreamReceiver receiver() {
        return receiver;
    }

    Playout playout() {
        return playout;
    }

    /** Playback started or stopped: the playing time (for average rates) counts only while it plays. */
    void playing(boolean playing) {
        timeLock.lock();
        try {
            long now = System.nanoTime();
            if (playing && playingSince < 0) {
                playingSince = now;
            } else if (!playing && playingSince >= 0) {
                playingNanos += now - playingSince;
                playingSince = -1;
            }
        } finally {
            timeLock.unlock();
        }
    }

    /** Sends a receiver report (RFC 3550 §6.4.2) to the server, if it said where. */
    void sendReport() {
        send(reports.report(receiver.reportBlock()));
    }

    /** Sends the last report and BYE (RFC 3550 §6.6). */
    void sendGoodbye() {
        send(reports.goodbye(receiver.reportBlock()));
    }

    private void send(byte[] packet) {
        if (udp.isPresent()) {
            if (serverRtcp.isPresent()) {
                udp.get().sendRtcp(packet, serverRtcp.get());
                reportsSent.incrementAndGet();
            }
        } else {
            PortRange channels = setup.interleaved().orElse(new PortRange(0, 1));
            if (client.sendInterleaved(channels.isSingle() ? channels.first() + 1 : channels.last(), packet)) {
                reportsSent.incrementAndGet();
            }
        }
    }

    /** The figures now. */
    Statistics statistics() {
        ReceptionStats.Figures f = stats.figures();
        StreamReceiver.Counts c = receiver.counts();
        long shown = playout.shown();
        long now = System.nanoTime();
        double seconds;
        double[] current;
        timeLock.lock();
        try {
            seconds = (playingNanos + (playingSince >= 0 ? now - playingSince : 0)) / 1e9;
            if (rateAt < 0 || now - rateAt >= RATE_WINDOW_NANOS) {
                if (rateAt >= 0) {
                    haveRates = true;
                    double dt = (now - rateAt) / 1e9;
                    rates = new double[] {(f.bytes() - rateBytes) * 8 / 1000.0 / dt,
                            (c.framesReceived() - rateReceived) / dt, (shown - rateShown) / dt};
                }
                rateAt = now;
                rateBytes = f.bytes();
                rateReceived = c.framesReceived();
                rateShown = shown;
            }
            current = rates;
            if (!haveRates) {
                // no full window yet (the first look): the averages are the best figures there are
                double avg = seconds > 0 ? seconds : 1;
                current = new double[] {f.bytes() * 8 / 1000.0 / avg, c.framesReceived() / avg, shown / avg};
            }
        } finally {
            timeLock.unlock();
        }
        String ssrc = receiver.ssrc().isPresent() ? String.format(Locale.ROOT, "%08X", receiver.ssrc().getAsLong()) : "";
        return new Statistics(target, isTcp() ? "TCP" : "UDP", ssrc, seconds, f.received(), f.expected(), f.lost(),
                f.lossRate(), f.bytes(), current[0], seconds > 0 ? f.bytes() * 8 / 1000.0 / seconds : 0,
                c.framesReceived(), shown, current[1], current[2], seconds > 0 ? shown / seconds : 0,
                playout.late(), c.framesIncomplete(), playout.overflow(), f.jitterMillis(), c.senderReports(),
                reportsSent.get(), fellBackToTcp);
    }

    @Override
    public void close() {
        playout.close();
        udp.ifPresent(UdpPorts::close);
        client.onInterleaved(frame -> { });
    }
}
