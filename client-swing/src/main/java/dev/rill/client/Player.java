package dev.rill.client;

import dev.rill.wire.RtspClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player's state machine. Commands (open, play, pause, stop, seek, close) may come from any
 * thread, the event thread included: they are queued to one worker thread, which alone talks
 * RTSP and changes state, and they return at once. The view hears of every change through
 * {@link Listener}, called on the worker thread.
 *
 * <p>The {@link Watchdog} keeps time: receiver reports, keep-alives, the switch to TCP when UDP
 * brings nothing, a word when the stream goes silent.
 */
final class Player implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);
    /** Keep-alive interval when the server names no session timeout (RFC 2326 §12.37 default 60 s, halved). */
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    private static final int COMMANDS_QUEUED = 32;

    /** Hears of every change of the player; called on the worker thread. */
    interface Listener {
        void changed(PlayerStatus status);
    }

    private final Options options;
    private final FrameSink sink;
    private final Listener listener;
    private final ThreadPoolExecutor worker;
    private final Watchdog watchdog;
    private final MediaConnection media;

    private volatile PlayerState state = PlayerState.EMPTY;
    private volatile Optional<Target> target = Optional.empty();

    Player(Options options, FrameSink sink, Consumer<String> exchangeLog, Listener listener) {
        this.options = options;
        this.sink = sink;
        this.listener = listener;
        this.media = new MediaConnection(options, Formats.installed(), sink, exchangeLog);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(COMMANDS_QUEUED),
                Thread.ofVirtual().name("rill-player").factory(),
                (command, executor) -> LOG.warn("the player is busy; a command was dropped"));
        this.watchdog = new Watchdog(options, media, () -> state, () -> worker.getActiveCount() > 0,
                new Watchdog.Requests() {
                    @Override
                    public void keepAlive() {
                        submit(Player.this::keepAlive);
                    }

                    @Override
                    public void fallBackToTcp() {
                        submit(Player.this::fallBackToTcp);
                    }

                    @Override
                    public void tell(String message, boolean failed) {
                        submit(() -> publish(state, false, message, failed));
                    }
                });
    }

    // ---- commands: queued, return at once ----

    /** Opens a target: OPTIONS, DESCRIBE and SETUP, so that the first Play starts at once. */
    void open(Target newTarget) {
        submit(() -> doOpen(newTarget));
    }

    void play() {
        submit(this::doPlay);
    }

    /** Opens a target and plays it as soon as it is set up (Play pressed with a new URL). */
    void openAndPlay(Target newTarget) {
        submit(() -> {
            doOpen(newTarget);
            if (state == PlayerState.READY) {
                startPlaying(options.start());
            }
        });
    }

    void pause() {
        submit(this::doPause);
    }

    /** TEARDOWN and back to the start; Play then sets up a new session. */
    void stop() {
        submit(this::doStop);
    }

    /** Plays from {@code position} (PLAY with Range), for presentations with a length. */
    void seek(Duration position) {
        submit(() -> doSeek(position));
    }

    // ---- what the view reads, from any thread ----

    PlayerState state() {
        return state;
    }

    /** The statistics of the current (or last) session. */
    Statistics statistics() {
        return media.statistics(target.map(Target::display).orElse(""));
    }

    /** Where playback is in the presentation, from the frame shown last. */
    Duration position() {
        return media.position();
    }

    Optional<Duration> duration() {
        return media.duration();
    }

    /** How long the playing stream has brought no packet; zero when not playing or nothing came yet. */
    Duration silence() {
        OptionalLong last = media.lastPacketNanos();
        return state == PlayerState.PLAYING && last.isPresent()
                ? Duration.ofNanos(System.nanoTime() - last.getAsLong()) : Duration.ZERO;
    }

    // ---- the worker's side ----

    private void submit(Runnable command) {
        if (!worker.isShutdown()) {
            worker.execute(() -> {
                try {
                    command.run();
                } catch (RuntimeException e) {
                    LOG.warn("player command failed", e);
                    abandon("internal error: " + e);
                }
            });
        }
    }

    private void doOpen(Target newTarget) {
        if (state.hasSession()) {
            doStop();
        }
        target = Optional.of(newTarget);
        setUp();
    }

    /** Connects and sets up; true when the session is READY. */
    private boolean setUp() {
        Target t = target.orElseThrow();
        publish(PlayerState.OPENING, true, "Connecting to " + t.host() + ":" + t.port() + " …", false);
        try {
            media.open(t, this::connectionLost, this::ended);
            publish(PlayerState.READY, false, media.describeSession(), false);
            return true;
        } catch (IOException | RuntimeException e) {
            abandon(e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }

    private void doPlay() {
        switch (state) {
            case EMPTY, STOPPED -> {
                if (target.isPresent() && setUp()) {
                    startPlaying(options.start());
                }
            }
            case READY -> startPlaying(options.start());
            case PAUSED -> startPlaying(Optional.empty());
            case ENDED -> startPlaying(media.duration().isPresent() ? Optional.of(Duration.ZERO) : Optional.empty());
            default -> { }
        }
    }

    private void startPlaying(Optional<Duration> from) {
        PlayerState before = state;
        publish(before, true, "Asking the server to play …", false);
        try {
            media.play(from);
        } catch (Refusal e) {
            publish(before, false, e.getMessage(), true);
            return;
        } catch (IOException e) {
            abandon(e.getMessage());
            return;
        }
        watchdog.playStarted();
        publish(PlayerState.PLAYING, false, "Playing over " + (media.isTcp() ? "TCP (interleaved)" : "UDP"), false);
    }

    private void doPause() {
        if (state != PlayerState.PLAYING) {
            return;
        }
        publish(PlayerState.PLAYING, true, "Pausing …", false);
        try {
            media.pause();
            publish(PlayerState.PAUSED, false, "Paused", false);
        } catch (Refusal e) {
            publish(PlayerState.PLAYING, false, e.getMessage(), true);
        } catch (IOException e) {
            abandon(e.getMessage());
        }
    }

    private void doStop() {
        if (state == PlayerState.CLOSED) {
            return;
        }
        if (state.hasSession()) {
            publish(state, true, "Stopping …", false);
        }
        media.close(true);
        sink.clear();
        publish(target.isPresent() ? PlayerState.STOPPED : PlayerState.EMPTY, false, "Stopped", false);
    }

    private void doSeek(Duration position) {
        if (state.hasSession() && media.duration().isPresent()) {
            startPlaying(Optional.of(position));
        }
    }

    private void fallBackToTcp() {
        if (state != PlayerState.PLAYING || media.isTcp() || media.anyPacket()) {
            return;
        }
        publish(PlayerState.PLAYING, true, "No packets over UDP in " + options.udpTimeout().toSeconds()
                + " s: switching to TCP (interleaved)", false);
        LOG.debug("no RTP over UDP within {} ms of PLAY; switching to TCP interleaved", options.udpTimeout().toMillis());
        try {
            media.switchToTcp();
        } catch (IOException | RuntimeException e) {
            abandon("switching to TCP failed: " + e.getMessage());
            return;
        }
        state = PlayerState.READY;
        startPlaying(media.duration().isPresent() ? Optional.of(media.position()) : Optional.empty());
    }

    private void keepAlive() {
        if (state.hasSession()) {
            try {
                media.keepAlive();
            } catch (IOException e) {
                LOG.warn("keep-alive failed: {}", e.getMessage());
                publish(state, false, "The server did not answer the keep-alive: " + e.getMessage(), true);
            }
        }
    }

    /** From the RTSP reader: the connection is gone. */
    private void connectionLost(RtspClient client, String reason) {
        submit(() -> {
            if (media.isCurrent(client) && state != PlayerState.CLOSED) {
                abandon("Lost the connection to the server: " + reason);
            }
        });
    }

    /** From the receiver: the server said BYE. */
    private void ended(StreamSession session, Optional<String> reason) {
        submit(() -> {
            if (media.isCurrent(session) && state == PlayerState.PLAYING) {
                media.stoppedPlaying();
                publish(PlayerState.ENDED, false, "The stream ended" + reason.map(r -> " (" + r + ")").orElse("")
                        + ": Play starts it again", false);
            }
        });
    }

    /** Gives up on the session without talking to the server any more. */
    private void abandon(String message) {
        media.close(false);
        LOG.debug("abandoned the session: {}", message); // the listener shows the message
        publish(target.isPresent() ? PlayerState.STOPPED : PlayerState.EMPTY, false, message, true);
    }

    private void publish(PlayerState newState, boolean busy, String message, boolean failed) {
        state = newState;
        watchdog.stateChanged(newState);
        LOG.debug("{}{}: {}", newState, busy ? " (busy)" : "", message);
        listener.changed(new PlayerStatus(newState, busy, message, media.duration(), failed));
    }

    /**
     * Tears the session down (bounded by the RTSP timeout) and stops every thread. Must not be
     * called on the worker thread; blocks at most a few seconds.
     */
    @Override
    public void close() {
        submit(() -> {
            doStop();
            publish(PlayerState.CLOSED, false, "Closed", false);
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(options.rtspTimeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("the server did not answer TEARDOWN in time; closing anyway");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        media.close(false);
        watchdog.close();
        state = PlayerState.CLOSED;
    }
}
