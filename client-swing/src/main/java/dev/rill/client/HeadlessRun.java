package dev.rill.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player without a window, for scripts and tests: opens the target, plays until it has shown
 * {@code --frames} frames (or the stream ends, or goes silent), writes each frame and the
 * statistics, tears down, and answers with an exit status.
 */
final class HeadlessRun {

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessRun.class);
    static final int OK = 0;
    static final int FAILED = 1;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Options options;
    private final AtomicReference<PlayerStatus> last = new AtomicReference<>();

    HeadlessRun(Options options) {
        this.options = options;
    }

    /** Plays as the options say; the exit status: {@link #OK}, or {@link #FAILED} with the reason logged. */
    int run() {
        Target target = options.target().orElseThrow(() -> new IllegalArgumentException("no target"));
        long wanted = options.frames().orElse(Long.MAX_VALUE);
        FrameFiles files;
        try {
            files = new FrameFiles(options.out(), wanted);
        } catch (IOException e) {
            LOG.error("cannot create {}: {}", options.out().orElseThrow(), e.getMessage());
            return FAILED;
        }
        Player player = new Player(options, files, text -> LOG.debug("{}", text), status -> {
            last.set(status);
            LOG.info("{}", status.message());
        });
        String outcome;
        boolean success;
        try {
            player.open(target);
            Result result = awaitReady();
            if (result.success) {
                player.play();
                result = await(player, files, wanted);
            }
            success = result.success;
            outcome = result.message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            success = false;
            outcome = "interrupted";
        } catch (UncheckedIOException e) {
            success = false;
            outcome = e.getMessage();
        } finally {
            player.close();
        }
        Statistics stats = player.statistics();
        if (options.stats().isPresent()) {
            try {
                Path file = options.stats().get().toAbsolutePath();
                Files.createDirectories(file.getParent());
                Files.writeString(file, stats.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.error("cannot write the statistics to {}: {}", options.stats().get(), e.getMessage());
                success = false;
            }
        }
        String summary = String.format(java.util.Locale.ROOT,
                "%d frames shown, %d dropped; %d packets received, %d lost (%.2f %%), jitter %.2f ms, %s",
                stats.framesShown(), stats.framesDropped(), stats.packetsReceived(), stats.packetsLost(),
                stats.lossRate() * 100, stats.jitterMillis(), stats.transport().isEmpty() ? "no stream" : stats.transport());
        if (success) {
            LOG.info("{}: {}", outcome, summary);
        } else {
            LOG.error("{}: {}", outcome, summary);
        }
        return success ? OK : FAILED;
    }

    private record Result(boolean success, String message) {
    }

    /** Waits for the open to end: READY, or a failure (bounded by the time limit). */
    private Result awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + options.maxTime().toNanos();
        while (System.nanoTime() < deadline) {
            PlayerStatus status = last.get();
            if (status != null && status.state() == PlayerState.READY && !status.busy()) {
                return new Result(true, "ready");
            }
            if (status != null && status.failed() && !status.state().hasSession()
                    && status.state() != PlayerState.OPENING) {
                return new Result(false, "failed: " + status.message());
            }
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        }
        return new Result(false, "no answer within " + options.maxTime().toSeconds() + " s");
    }

    private Result await(Player player, FrameFiles files, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + options.maxTime().toNanos();
        long endedAt = -1;
        boolean played = false;
        while (true) {
            if (files.awaitFrames(wanted, POLL_NANOS)) {
                return new Result(true, "played " + wanted + " frames");
            }
            PlayerStatus status = last.get();
            long now = System.nanoTime();
            if (status != null) {
                played |= status.state() == PlayerState.PLAYING;
                if (status.failed() && !status.state().hasSession() && status.state() != PlayerState.OPENING) {
                    return new Result(false, "failed: " + status.message());
                }
                if (status.state() == PlayerState.ENDED && endedAt < 0) {
                    endedAt = now;
                }
            }
            boolean silent = played && player.silence().compareTo(Watchdog.SILENCE) > 0;
            boolean drained = endedAt >= 0
                    && now - endedAt > options.playoutDelay().toNanos() + TimeUnit.MILLISECONDS.toNanos(600);
            if (drained || silent) {
                return finished(files.written(), wanted, drained ? "the stream ended" : "the stream went silent");
            }
            if (now > deadline) {
                return finished(files.written(), wanted, "time limit of " + options.maxTime().toSeconds() + " s reached");
            }
        }
    }

    /** Ends without all frames wanted: fine when no number was asked for and some frames came. */
    private static Result finished(long written, long wanted, String why) {
        if (wanted == Long.MAX_VALUE && written > 0) {
            return new Result(true, why + " after " + written + " frames");
        }
        return new Result(false, why + " after " + written + (wanted == Long.MAX_VALUE ? "" : " of " + wanted)
                + " frames");
    }
}
