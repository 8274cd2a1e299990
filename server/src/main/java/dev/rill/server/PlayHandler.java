package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.MediaSource;
import dev.rill.wire.NptRange;
import dev.rill.spi.RtspExchange;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import dev.rill.spi.SessionState;
import dev.rill.spi.SessionUse;
import java.time.Duration;
import java.util.Optional;

/**
 * PLAY (RFC 2326 §10.5): starts sending, resumes where PAUSE stopped, or seeks to the
 * {@code Range: npt=} start. PLAY while playing with no Range changes nothing; with a Range it
 * seeks. A stream that has run to its end starts again from the beginning.
 */
public final class PlayHandler implements RtspMethodHandler {

    @Override
    public RtspMethod method() {
        return RtspMethod.PLAY;
    }

    @Override
    public SessionUse sessionUse() {
        return SessionUse.REQUIRED;
    }

    @Override
    public RtspResponse handle(RtspExchange rtspExchange) {
        ServerExchange exchange = (ServerExchange) rtspExchange;
        Session session = exchange.serverSession().orElseThrow();
        MediaSource source = session.mount().source();
        Optional<NptRange> range;
        try {
            range = session.dialect() == Dialect.CLASSIC || source.live() ? Optional.empty()
                    : exchange.request().headers().first(RtspHeaders.RANGE).map(NptRange::parse);
        } catch (IllegalArgumentException e) {
            return RtspResponse.error(RtspStatus.INVALID_RANGE, e.getMessage());
        }
        long frameCount = source.frameCount().orElse(Long.MAX_VALUE);
        Optional<Long> seekTo = range.flatMap(NptRange::start).map(start -> frameAt(start, source.frameRate()));
        if (seekTo.isPresent() && seekTo.get() >= frameCount) {
            return RtspResponse.error(RtspStatus.INVALID_RANGE, "start is past the end ("
                    + source.duration().map(PlayHandler::npt).orElse("?") + " s)");
        }
        long end = range.flatMap(NptRange::end).map(e -> Math.min(frameCount, frameAt(e, source.frameRate()) + 1))
                .orElse(Long.MAX_VALUE);
        ServerContext context = exchange.context();
        long position;
        long timestamp;
        int sequence;
        session.lock().lock();
        try {
            SessionState state = session.stateLocked();
            if (state == SessionState.CLOSED) {
                return RtspResponse.error(RtspStatus.SESSION_NOT_FOUND, "session ended");
            }
            if (state == SessionState.PLAYING && seekTo.isEmpty()) {
                return RtspResponse.of(RtspStatus.OK);
            }
            session.readyLocked();
            if (seekTo.isPresent()) {
                session.seekLocked(seekTo.get());
            } else if (source.live()) {
                session.seekLocked(source.currentIndex(System.nanoTime()));
            } else if (!source.loops() && session.positionLocked() >= frameCount) {
                session.seekLocked(0);
            }
            position = session.positionLocked();
            timestamp = session.timestampOf(position);
            sequence = session.nextSequenceLocked();
            Playback playback = new Playback(session, System.nanoTime(), position, end);
            session.playingLocked(playback);
            // The play's clock starts when the client has its reply: a reply delayed by a busy
            // machine must not put the first frames behind schedule.
            exchange.afterResponse(() -> {
                playback.startAt(System.nanoTime());
                session.sender().schedule(playback);
            });
            context.stateChanged(session, SessionState.PLAYING);
        } finally {
            session.lock().unlock();
        }
        RtspResponse response = RtspResponse.of(RtspStatus.OK);
        if (session.dialect() == Dialect.CLASSIC) {
            return response;
        }
        double fps = source.frameRate();
        long shownPosition = source.frameCount().isPresent() && source.loops() ? position % frameCount : position;
        String rangeText = source.live() ? "npt=now-"
                : "npt=" + npt(Duration.ofNanos(Math.round(shownPosition * 1e9 / fps))) + "-"
                        + (end != Long.MAX_VALUE ? npt(Duration.ofNanos(Math.round(end * 1e9 / fps)))
                        : source.duration().map(PlayHandler::npt).orElse(""));
        String url = exchange.request().target().replaceAll("/+$", "");
        String trackUrl = url.endsWith("/trackID=0") ? url : url + "/trackID=0";
        return response.with(RtspHeaders.RANGE, rangeText)
                .with(RtspHeaders.RTP_INFO, "url=" + trackUrl + ";seq=" + sequence + ";rtptime=" + timestamp);
    }

    /** The frame a presentation time falls in. */
    private static long frameAt(Duration t, double fps) {
        return (long) Math.floor(t.toNanos() * fps / 1e9 + 1e-9);
    }

    /** Seconds with three decimals, as npt writes them. */
    static String npt(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
