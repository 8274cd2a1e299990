package dev.rill.client;

import dev.rill.spi.Depayloader;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player's connection to one target: the RTSP client, the dialect's requests, the current
 * {@link StreamSession}, and where playback is in the presentation. Changed only by the player's
 * worker thread; the fields others read are volatile.
 */
final class MediaConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MediaConnection.class);
    private static final String USER_AGENT = "Rill player";

    private final Options options;
    private final Formats formats;
    private final FrameSink sink;
    private final Consumer<String> exchangeLog;

    private Target target;
    private volatile RtspClient client;
    private Dialogue dialogue;
    private volatile Dialogue.Stream stream;
    private volatile StreamSession session;
    private volatile Statistics lastStatistics;
    private BiConsumer<StreamSession, Optional<String>> ended;
    private boolean fellBack;

    /** Where the last PLAY started, in the presentation, and the RTP time that stands for it. */
    private volatile Duration playStart = Duration.ZERO;
    private volatile OptionalLong playStartRtpTime = OptionalLong.empty();
    private volatile Duration pausedAt = Duration.ZERO;

    MediaConnection(Options options, Formats formats, FrameSink sink, Consumer<String> exchangeLog) {
        this.options = options;
        this.formats = formats;
        this.sink = sink;
        this.exchangeLog = exchangeLog;
    }

    /** Connects, learns the stream and sets up a session (UDP unless {@code --tcp}; TCP when the server refuses UDP). */
    void open(Target newTarget, BiConsumer<RtspClient, String> lost, BiConsumer<StreamSession, Optional<String>> onEnded)
            throws IOException {
        close(false);
        target = newTarget;
        ended = onEnded;
        fellBack = false;
        playStart = Duration.ZERO;
        pausedAt = Duration.ZERO;
        playStartRtpTime = OptionalLong.empty();
        RtspClient c = RtspClient.connect(newTarget.host(), newTarget.port(),
                RtspClientOptions.of(newTarget.classic() ? RequestStyle.CLASSIC_CRLF : RequestStyle.STANDARD)
                        .withTimeout(options.rtspTimeout()).withUserAgent(USER_AGENT).withExchangeLog(exchangeLog));
        client = c;
        c.onClosed(reason -> lost.accept(c, reason));
        dialogue = newTarget.classic() ? new ClassicDialogue(c, newTarget.path(), options.tcp())
                : new StandardDialogue(c, newTarget.path());
        stream = dialogue.describe();
        try {
            setUp(options.tcp());
        } catch (Refusal e) {
            if (options.tcp() || newTarget.classic() || e.status().code() != 461) {
                throw e;
            }
            LOG.debug("the server refused RTP over UDP; asking for TCP");
            fellBack = true;
            setUp(true);
        }
    }

    private void setUp(boolean tcp) throws IOException {
        Optional<UdpPorts> ports = Optional.empty();
        if (!tcp) {
            ports = Optional.of(target.classic() ? UdpPorts.single(client.localAddress(), target.rtpPort())
                    : UdpPorts.pair(client.localAddress()));
        }
        Dialogue.Setup setup;
        try {
            setup = dialogue.setup(ports.map(UdpPorts::range));
        } catch (IOException | RuntimeException e) {
            ports.ifPresent(UdpPorts::close);
            throw e;
        }
        Dialogue.Stream s = stream;
        Depayloader depayloader = s.encoding().map(formats::forEncoding).orElseGet(formats::sniffing);
        StreamSession[] self = new StreamSession[1];
        StreamReceiver.Events events = new StreamReceiver.Events() {
            @Override
            public void firstPacket() {
                LOG.debug("first packet");
            }

            @Override
            public void bye(Optional<String> reason) {
                ended.accept(self[0], reason);
            }
        };
        self[0] = new StreamSession(target.display(), ports, client, setup, s, depayloader, sink,
                options.playoutDelay(), events, fellBack);
        session = self[0];
    }

    /** After PLAY over UDP brought nothing: TEARDOWN, and SETUP again over TCP. */
    void switchToTcp() throws IOException {
        pausedAt = position();
        StreamSession old = session;
        if (old != null) {
            try {
                dialogue.teardown();
            } catch (Refusal e) {
                LOG.debug("TEARDOWN of the UDP session: {}", e.getMessage());
            }
            old.close();
            lastStatistics = old.statistics();
            session = null;
        }
        fellBack = true;
        setUp(true);
    }

    void play(Optional<Duration> from) throws IOException {
        StreamSession s = requireSession();
        s.receiver().restart();
        Dialogue.Play reply = dialogue.play(from);
        playStart = reply.start().or(() -> from).orElse(pausedAt);
        playStartRtpTime = reply.rtpTime();
        s.playing(true);
    }

    void pause() throws IOException {
        requireSession();
        dialogue.pause();
        stoppedPlaying(); // what the jitter buffer holds still plays out; then the picture holds
    }

    /** The stream stopped (PAUSE or BYE): remember where, and stop counting playing time. */
    void stoppedPlaying() {
        pausedAt = position();
        StreamSession s = session;
        if (s != null) {
            s.playing(false);
        }
    }

    void keepAlive() throws IOException {
        if (dialogue != null) {
            dialogue.keepAlive();
        }
    }

    void sendReport() {
        StreamSession s = session;
        if (s != null) {
            s.sendReport();
        }
    }

    /**
     * Ends the session and the connection.
     *
     * @param teardown true to say goodbye (RTCP BYE, TEARDOWN) first; false when the server is
     *                 gone or not answering
     */
    void close(boolean teardown) {
        StreamSession s = session;
        session = null;
        if (s != null) {
            if (teardown) {
                s.sendGoodbye();
            }
            s.close();
            lastStatistics = s.statistics();
        }
        RtspClient c = client;
        if (teardown && c != null && c.isOpen() && dialogue != null) {
            try {
                dialogue.teardown();
            } catch (IOException e) {
                LOG.info("TEARDOWN: {}", e.getMessage());
            }
        }
        if (c != null) {
            c.close();
        }
        client = null;
    }

    private StreamSession requireSession() throws IOException {
        StreamSession s = session;
        if (s == null) {
            throw new IOException("no session");
        }
        return s;
    }

    // ---- read from any thread ----

    boolean isCurrent(RtspClient c) {
        return c == client;
    }

    boolean isCurrent(StreamSession s) {
        return s == session;
    }

    boolean classic() {
        Target t = target;
        return t != null && t.classic();
    }

    boolean isTcp() {
        StreamSession s = session;
        return s != null && s.isTcp();
    }

    boolean anyPacket() {
        StreamSession s = session;
        return s != null && s.receiver().anyPacket();
    }

    OptionalLong lastPacketNanos() {
        StreamSession s = session;
        return s != null && s.receiver().anyPacket() ? OptionalLong.of(s.receiver().lastPacketNanos())
                : OptionalLong.empty();
    }

    String udpPorts() {
        return target == null ? "?" : Integer.toString(target.rtpPort());
    }

    Optional<Duration> duration() {
        Dialogue.Stream s = stream;
        return s == null ? Optional.empty() : s.duration();
    }

    /** Half the session timeout the server announced (30 s when it said none), at least 5 s. */
    Duration keepAliveInterval() {
        StreamSession s = session;
        if (s == null || s.setup().timeoutSeconds().isEmpty()) {
            return Player.DEFAULT_KEEP_ALIVE;
        }
        return Duration.ofSeconds(Math.max(5, s.setup().timeoutSeconds().getAsInt() / 2));
    }

    /** One line on the session for the status bar. */
    String describeSession() {
        StreamSession s = session;
        if (s == null) {
            return "no session";
        }
        String how = s.isTcp() ? "RTP over TCP" : "RTP over UDP";
        return "Ready (" + how + duration().map(d -> ", " + TimeText.of(d)).orElse("")
                + (fellBack ? ", the server refused UDP" : "") + "): press Play";
    }

    Statistics statistics(String targetText) {
        StreamSession s = session;
        if (s != null) {
            return s.statistics();
        }
        Statistics last = lastStatistics;
        return last != null ? last : Statistics.none(targetText);
    }

    /** Where playback is: the last PLAY's start plus the timestamp distance of the frame shown last. */
    Duration position() {
        StreamSession s = session;
        Dialogue.Stream info = stream;
        if (s == null || info == null) {
            return pausedAt;
        }
        OptionalLong shown = s.playout().lastShownTimestamp();
        OptionalLong base = playStartRtpTime.isPresent() ? playStartRtpTime : s.receiver().firstTimestampSinceRestart();
        if (shown.isEmpty() || base.isEmpty()) {
            return playStart;
        }
        long units = (int) (shown.getAsLong() - base.getAsLong());
        Duration p = playStart.plusNanos(Math.round(units * 1e9 / info.clockRate()));
        if (p.isNegative()) {
            return Duration.ZERO;
        }
        return info.duration().filter(d -> p.compareTo(d) > 0).orElse(p);
    }
}
