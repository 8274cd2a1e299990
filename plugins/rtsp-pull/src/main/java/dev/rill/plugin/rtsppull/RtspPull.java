package dev.rill.plugin.rtsppull;

import dev.rill.spi.Availability;
import dev.rill.spi.FrameSink;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspStatus;
import dev.rill.wire.RtspClient;
import dev.rill.wire.SessionDescription;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live source fed by an upstream RTSP server: one supervising virtual thread,
 * {@code rtsp-pull}, started by {@link #begin}, connects while the source is wanted, keeps the
 * session alive and reconnects with {@link Backoff} when the upstream drops (its connection
 * closes, or no RTP comes for {@code timeoutSeconds}). Frames are rebuilt by the JPEG
 * depayloader, stamped by {@link FrameTimes} and handed to the sink from the thread that
 * received their last packet.
 *
 * <p>Wanted means: always, from {@link #begin} to {@link #close}, unless on demand; on demand,
 * from {@link #start} to {@link #LINGER} after {@link #stop}. Frames reach the sink only between
 * start and stop. {@code transport: auto} tries UDP and, when no RTP comes within
 * {@link Timing#udpGrace()} of PLAY (or the upstream refuses UDP), TCP from then on, as ffmpeg
 * does.
 */
final class RtspPull implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(RtspPull.class);

    /** RTP clock of JPEG video (RFC 2435 §3), the only one taken. */
    static final int CLOCK_RATE = 90_000;

    /** How long an on-demand source stays connected after the last viewer left. */
    static final Duration LINGER = Duration.ofSeconds(10);
    /** Longest wait of the supervisor before it looks again at what is due. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The shortest wait of one step of {@link #probe}. */
    static final Duration MIN_PROBE_STEP = Duration.ofMillis(100);
    /** How long {@link #close} waits for the supervisor to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * The source's clocks.
     *
     * @param udpGrace       with {@code auto}: how long after PLAY RTP must have come over UDP
     * @param linger         on demand: how long the connection outlives the last viewer
     * @param requestTimeout the longest wait to connect and for each RTSP reply
     * @param reportInterval between receiver reports (RFC 3550 §6.2: 5 s at least)
     */
    record Timing(Duration udpGrace, Duration linger, Duration requestTimeout, Duration reportInterval) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(3), LINGER, Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    private enum Outcome { UNWANTED, FAILED, FALL_BACK }

    /** How a session ended, and why (for the log). */
    private record Ending(Outcome outcome, String why) {
    }

    private final RtspPullConfig config;
    private final UpstreamUrl url;
    private final RtpPayloadFormat format;
    private final Timing timing;
    private final long timeoutNanos;
    /** Guards the fields below it and wakes the supervisor. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean begun;
    private boolean closed;
    private boolean started;
    private long lingerUntil;
    private Thread supervisor;
    private volatile Optional<UpstreamSession> current = Optional.empty();
    private volatile PullState state = PullState.WAITING;
    /** Once UDP brought nothing under {@code auto}, TCP for the rest of the source's life. */
    private volatile boolean udpFailed;
    private final FrameDelivery delivery = new FrameDelivery(CLOCK_RATE);
    private final AtomicLong reconnects = new AtomicLong();
    private final SplittableRandom random = new SplittableRandom();
    /** The upstream's {@code host:port}, for {@link #status()}. */
    private final String peer;
    /** The context of {@code "tlsVerify": false} for an {@code rtsps://} upstream; empty otherwise. */
    private final Optional<SSLContext> anyCertificate;

    RtspPull(RtspPullConfig config, RtpPayloadFormat format, Timing timing) {
        this.config = Objects.requireNonNull(config, "config");
        this.url = UpstreamUrl.parse(config.url());
        this.format = Objects.requireNonNull(format, "format");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(config.timeoutSeconds());
        String host = url.target().getHost();
        this.peer = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                + (url.target().getPort() >= 0 ? url.target().getPort()
                        : url.secure() ? RtspClient.DEFAULT_TLS_PORT : RtspClient.DEFAULT_PORT);
        this.anyCertificate = url.secure() && !config.tlsVerify() ? Optional.of(AnyCertificate.context()) : Optional.empty();
        if (anyCertificate.isPresent()) {
            LOG.warn("{}: tlsVerify is false: any certificate is taken, so the upstream's identity is not checked",
                    url.redacted());
        }
    }

    /** Starts the supervising thread; an always-on source connects now. Once. */
    void begin() {
        lock.lock();
        try {
            if (begun || closed) {
                throw new IllegalStateException(describe() + (closed ? " is closed" : " has begun"));
            }
            begun = true;
            supervisor = Thread.ofVirtual().name("rtsp-pull").unstarted(this::supervise);
            supervisor.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public OptionalDouble nominalFrameRate() {
        return OptionalDouble.empty(); // the upstream's frame times decide
    }

    @Override
    public String describe() {
        return "rtsp-pull " + url.redacted();
    }

    /** @throws IllegalStateException when already started, or closed */
    @Override
    public void start(FrameSink frameSink) {
        Objects.requireNonNull(frameSink, "sink");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(describe() + " is closed");
            }
            if (started) {
                throw new IllegalStateException(describe() + " is already started");
            }
            started = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        delivery.attach(frameSink);
    }

    /** No frame reaches the sink once this returns; on demand, the upstream is let go {@link Timing#linger()} later. */
    @Override
    public void stop() {
        delivery.detach();
        lock.lock();
        try {
            if (started) {
                started = false;
                lingerUntil = System.nanoTime() + timing.linger().toNanos();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread thread;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            started = false;
            thread = supervisor;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stop();
        current.ifPresent(UpstreamSession::close); // ends a request under way at once
        if (thread != null) {
            try {
                if (!thread.join(CLOSE_WAIT)) {
                    LOG.warn("{}: the supervisor did not end within {} ms", describe(), CLOSE_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = PullState.CLOSED;
    }

    /**
     * Connects and DESCRIBEs (OPTIONS first, as a session does), then hangs up: available when the
     * upstream describes a JPEG stream, not found when it answers 404, failed otherwise. Each of the
     * three steps (connect, OPTIONS, DESCRIBE) waits at most a third of {@code timeout}. A connection
     * of its own: the supervisor's session is not disturbed, and nothing is set up upstream.
     */
    @Override
    public Availability probe(Duration timeout) {
        Duration step = timeout.dividedBy(3);
        if (step.compareTo(MIN_PROBE_STEP) < 0) {
            step = MIN_PROBE_STEP;
        }
        try (UpstreamSession session = UpstreamSession.connect(url, step, anyCertificate)) {
            session.describe();
            return Availability.available();
        } catch (UpstreamSession.Refused e) {
            String why = url.redacted() + ": " + e.getMessage();
            return e.status().code() == RtspStatus.NOT_FOUND.code() ? Availability.notFound(why) : Availability.failed(why);
        } catch (IOException | RuntimeException e) {
            return Availability.failed(url.redacted() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    PullState state() {
        return state;
    }

    /** The upstream as {@code host:port} (never its credentials), with the counters above; bytes in are RTP bytes. */
    @Override
    public Optional<LiveStatus> status() {
        LiveStatus.State s = switch (state) {
            case WAITING -> LiveStatus.State.WAITING;
            case CONNECTING -> LiveStatus.State.CONNECTING;
            case LIVE -> LiveStatus.State.LIVE;
            case RETRYING -> LiveStatus.State.RETRYING;
            case CLOSED -> LiveStatus.State.STOPPED;
        };
        return Optional.of(new LiveStatus(s, Optional.of(peer), framesIn(), framesDropped(), delivery.bytesIn.get(),
                reconnects()));
    }

    /** Frames rebuilt from the upstream's packets, delivered or not. */
    long framesIn() {
        return delivery.framesIn.get();
    }

    /** Frames the depayloader dropped (packets missing or malformed). */
    long framesDropped() {
        return delivery.framesDropped.get();
    }

    /** RTP packets dropped before the depayloader: not RTP, or another payload type. */
    long packetsDropped() {
        return delivery.packetsDropped.get();
    }

    /** Attempts made after the upstream dropped or refused. */
    long reconnects() {
        return reconnects.get();
    }

    /** The transport now used or next tried: {@code "udp"} or {@code "tcp"}. */
    String transportInUse() {
        return useTcp() ? RtspPullConfig.TCP : RtspPullConfig.UDP;
    }

    private boolean useTcp() {
        return config.transport().equals(RtspPullConfig.TCP)
                || (config.transport().equals(RtspPullConfig.AUTO) && udpFailed);
    }

    /** Caller holds {@link #lock}. */
    private boolean wanted() {
        return !closed && (!config.onDemand() || started || System.nanoTime() - lingerUntil < 0);
    }

    private void supervise() {
        Backoff backoff = new Backoff();
        int attempt = 0;
        while (awaitWanted()) {
            attempt++;
            state = PullState.CONNECTING;
            boolean tcp = useTcp();
            LOG.info("{}: connecting over {} (attempt {})", describe(), tcp ? "TCP" : "UDP", attempt);
            Ending ending;
            StreamReceiver stream = null;
            try (UpstreamSession session = UpstreamSession.connect(url, timing.requestTimeout(), anyCertificate)) {
                current = Optional.of(session);
                if (!isWanted()) { // closed while connecting
                    continue;
                }
                SessionDescription sdp = session.describe();
                stream = new StreamReceiver(sdp.payloadType(), format.depayloader(), delivery, new ReceptionStats(
                        CLOCK_RATE, random.nextLong(1L << 32), "rill-rtsp-pull@" + Long.toHexString(random.nextLong())));
                session.play(tcp, stream);
                LOG.info("{}: playing over {}, payload type {}", describe(), tcp ? "TCP" : "UDP", sdp.payloadType());
                ending = watch(session, stream, tcp);
            } catch (UpstreamSession.UdpRefused e) {
                ending = new Ending(config.transport().equals(RtspPullConfig.AUTO) ? Outcome.FALL_BACK : Outcome.FAILED,
                        e.getMessage());
            } catch (IOException | RuntimeException e) {
                ending = new Ending(Outcome.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                current = Optional.empty();
                if (stream != null) {
                    stream.end();
                }
            }
            if (stream != null && stream.delivered()) {
                backoff.reset();
            }
            switch (ending.outcome()) {
                case UNWANTED -> {
                    LOG.info("{}: disconnected (not watched)", describe());
                    attempt = 0;
                    backoff.reset();
                }
                case FALL_BACK -> {
                    LOG.info("{}: no RTP over UDP ({}); trying TCP", describe(), ending.why());
                    udpFailed = true;
                }
                case FAILED -> {
                    if (!isWanted()) {
                        continue;
                    }
                    Duration delay = backoff.next();
                    reconnects.incrementAndGet();
                    state = PullState.RETRYING;
                    LOG.warn("{}: {}; retrying in {} s", describe(), ending.why(), delay.toSeconds());
                    pause(delay);
                }
            }
        }
        state = closedNow() ? PullState.CLOSED : PullState.WAITING;
    }

    /** Waits while not wanted; false when closed. */
    private boolean awaitWanted() {
        lock.lock();
        try {
            while (!closed && !wanted()) {
                state = PullState.WAITING;
                changed.await(1, TimeUnit.SECONDS); // start and close signal; the bound is for safety
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isWanted() {
        lock.lock();
        try {
            return wanted();
        } finally {
            lock.unlock();
        }
    }

    private boolean closedNow() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps the backoff, waking early when closed or no longer wanted. */
    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            long left;
            while (wanted() && (left = until - System.nanoTime()) > 0) {
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** While playing: keep-alives, receiver reports, and the checks that end the session. */
    private Ending watch(UpstreamSession session, StreamReceiver stream, boolean tcp) throws IOException {
        long playedAt = System.nanoTime();
        long keepAliveNanos = TimeUnit.SECONDS.toNanos(Math.max(1, session.sessionTimeoutSeconds())) / 2;
        long nextKeepAlive = playedAt + keepAliveNanos;
        long nextReport = playedAt + timing.reportInterval().toNanos();
        boolean auto = config.transport().equals(RtspPullConfig.AUTO);
        while (true) {
            lock.lock();
            try {
                if (!wanted()) {
                    return new Ending(Outcome.UNWANTED, "not watched");
                }
                changed.await(TICK_NANOS, TimeUnit.NANOSECONDS);
                if (!wanted()) {
                    return new Ending(Outcome.UNWANTED, "not watched");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Ending(Outcome.UNWANTED, "not watched");
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            if (!session.isOpen()) {
                return new Ending(Outcome.FAILED, "the upstream ended the connection: " + session.closedReason());
            }
            long lastRtp = stream.lastRtpNanos();
            if (lastRtp == 0) {
                if (!tcp && auto && now - playedAt > timing.udpGrace().toNanos()) {
                    return new Ending(Outcome.FALL_BACK, "none within " + timing.udpGrace().toMillis() + " ms of PLAY");
                }
                lastRtp = playedAt;
            } else {
                state = PullState.LIVE;
            }
            if (now - lastRtp > timeoutNanos) {
                return new Ending(Outcome.FAILED, "no RTP for " + config.timeoutSeconds() + " s");
            }
            if (now - nextKeepAlive >= 0) {
                session.keepAlive();
                nextKeepAlive = System.nanoTime() + keepAliveNanos;
            }
            if (now - nextReport >= 0) {
                session.sendRtcp(stream.report(now));
                nextReport = now + timing.reportInterval().toNanos();
            }
        }
    }
}
