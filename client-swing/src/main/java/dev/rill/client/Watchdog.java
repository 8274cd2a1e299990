package dev.rill.client;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player's clock, four ticks a second on a thread of its own: it sends receiver reports
 * every 5 s (RFC 3550 §6.2), asks for a keep-alive every half session timeout (RFC 2326 §12.37),
 * asks to switch to TCP when PLAY over UDP brought nothing within the UDP timeout, and says so
 * when a playing stream goes silent. It only asks: RTSP stays on the player's worker.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_MILLIS = 250;
    /** A playing stream silent this long gets a message in the status line. */
    static final Duration SILENCE = Duration.ofSeconds(5);

    /** What the watchdog asks of the player; each call queues work and returns at once. */
    interface Requests {
        void keepAlive();

        void fallBackToTcp();

        /** A message for the status line, a warning when {@code failed}. */
        void tell(String message, boolean failed);
    }

    private final Options options;
    private final MediaConnection media;
    private final Supplier<PlayerState> state;
    private final BooleanSupplier workerBusy;
    private final Requests requests;
    private final ScheduledExecutorService ticker;

    private volatile long nextReportNanos;
    private volatile long nextKeepAliveNanos;
    private volatile long playIssuedNanos;
    private volatile boolean fallbackAsked;
    private volatile boolean silenceReported;
    private volatile boolean udpWarned;

    Watchdog(Options options, MediaConnection media, Supplier<PlayerState> state, BooleanSupplier workerBusy,
             Requests requests) {
        this.options = options;
        this.media = media;
        this.state = state;
        this.workerBusy = workerBusy;
        this.requests = requests;
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("rill-player-watchdog").daemon(true).factory());
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The player changed state: a session's timers start with it and stop without it. */
    void stateChanged(PlayerState newState) {
        if (!newState.hasSession()) {
            nextReportNanos = 0;
            nextKeepAliveNanos = 0;
        } else if (nextReportNanos == 0) {
            long now = System.nanoTime();
            nextReportNanos = now + TimeUnit.MILLISECONDS.toNanos(ReceiverReports.INTERVAL_MILLIS);
            nextKeepAliveNanos = now + media.keepAliveInterval().toNanos();
        }
    }

    /** PLAY was answered: watch for the first packet from now. */
    void playStarted() {
        playIssuedNanos = System.nanoTime();
        fallbackAsked = false;
        silenceReported = false;
        udpWarned = false;
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            PlayerState s = state.get();
            if (s.hasSession() && nextReportNanos != 0 && now >= nextReportNanos) {
                nextReportNanos = now + TimeUnit.MILLISECONDS.toNanos(ReceiverReports.INTERVAL_MILLIS);
                media.sendReport();
            }
            if (s.hasSession() && nextKeepAliveNanos != 0 && now >= nextKeepAliveNanos) {
                nextKeepAliveNanos = now + media.keepAliveInterval().toNanos();
                requests.keepAlive();
            }
            if (s != PlayerState.PLAYING || workerBusy.getAsBoolean()) {
                return;
            }
            boolean any = media.anyPacket();
            if (!any && !media.isTcp() && now - playIssuedNanos > options.udpTimeout().toNanos()) {
                if (!media.classic() && !fallbackAsked) {
                    fallbackAsked = true;
                    requests.fallBackToTcp();
                } else if (media.classic() && !udpWarned) {
                    udpWarned = true;
                    requests.tell("No video has arrived on UDP port " + media.udpPorts()
                            + " yet (a firewall in the way? --tcp works with Rill)", true);
                }
            }
            OptionalLong last = media.lastPacketNanos();
            if (any && last.isPresent() && now - last.getAsLong() > SILENCE.toNanos() && !silenceReported) {
                silenceReported = true;
                requests.tell("No video for " + SILENCE.toSeconds() + " s: the server has gone quiet", true);
            } else if (silenceReported && last.isPresent() && now - last.getAsLong() < SILENCE.toNanos()) {
                silenceReported = false;
                requests.tell("Playing again", false);
            }
        } catch (RuntimeException e) {
            LOG.warn("player watchdog", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
