package dev.rill.server;

import dev.rill.wire.UserInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.Mount;
import dev.rill.spi.StoredSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code GET /api/mounts}, what the web page shows of each configured mount:
 * <pre>{@code
 * {"rtspPort": 8554,
 *  "mounts": [{"path", "rtspUrl", "kind": "stored"|"live", "type" (the config's, or null),
 *              "description", "rtspSessions", "httpViewers",
 *              "durationSeconds" (stored; null for live),
 *              "live": {"state": "flowing"|"stalled"|"idle", "newestFrameAgeMillis" or null,
 *                       "source": {"state": "waiting"|"connecting"|"live"|"retrying"|"stopped",
 *                                  "reconnects"} or null (a source that does not report)}
 *                      (null for stored)}]}
 * }</pre>
 * Counts only, no peer: it answers everyone, like {@code /stream}. The RTSP URL names the host the
 * browser asked for (its {@code Host} header, when that is a plain host name or address) and the
 * RTSP port.
 */
final class MountsApi {

    /** A live mount whose newest frame is older than this is "stalled". */
    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A Host header the page may echo: a name or IPv4 address, or an IPv6 address in brackets; optional port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private final ServerContext context;
    private final HttpMedia media;
    private final int rtspPort;
    /** The RTSPS listener's port when there is one: cards then offer an rtsps:// URL too. */
    private final OptionalInt rtspsPort;

    MountsApi(ServerContext context, HttpMedia media, int rtspPort, OptionalInt rtspsPort) {
        this.context = context;
        this.media = media;
        this.rtspPort = rtspPort;
        this.rtspsPort = rtspsPort;
    }

    /** The document, with RTSP URLs for the host {@code hostHeader} names. */
    String render(Optional<String> hostHeader) {
        String host = hostHeader.map(String::strip).map(HOST::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1)).orElseGet(this::configuredHost);
        Map<String, Integer> sessions = new HashMap<>();
        for (Session s : context.sessions().all()) {
            sessions.merge(s.mount().path(), 1, Integer::sum);
        }
        long now = System.nanoTime();
        ObjectNode document = NODES.objectNode().put("rtspPort", rtspPort);
        if (rtspsPort.isPresent()) {
            document.put("rtspsPort", rtspsPort.getAsInt());
        } else {
            document.putNull("rtspsPort");
        }
        ArrayNode mounts = document.putArray("mounts");
        for (Mount m : context.mounts().listedMounts()) {
            ObjectNode mount = mounts.addObject()
                    .put("path", m.path())
                    .put("rtspUrl", "rtsp://" + host + ":" + rtspPort + m.path())
                    .put("rtspsUrl", rtspsPort.isPresent() ? "rtsps://" + host + ":" + rtspsPort.getAsInt() + m.path() : null)
                    .put("kind", m.source() instanceof LiveSource ? "live" : "stored")
                    .put("type", context.mounts().type(m.path()).orElse(null))
                    .put("description", UserInfo.masked(m.source().describe()))
                    .put("rtspSessions", sessions.getOrDefault(m.path(), 0))
                    .put("httpViewers", media.viewers(m.path()));
            if (m.source() instanceof StoredSource stored) {
                mount.put("durationSeconds", stored.duration().toNanos() / 1e9);
                mount.putNull("live");
            } else if (m.source() instanceof LiveSource live) {
                mount.putNull("durationSeconds");
                ObjectNode liveNode = mount.putObject("live");
                live(liveNode, context.feeds().tap(live), now);
                Optional<LiveStatus> status = RtspServer.status(live);
                if (status.isPresent()) {
                    liveNode.putObject("source")
                            .put("state", status.get().state().name().toLowerCase(java.util.Locale.ROOT))
                            .put("reconnects", status.get().reconnects());
                } else {
                    liveNode.putNull("source");
                }
            }
        }
        try {
            // Again over the whole: whatever a source reports, an upstream's password is not shown.
            return UserInfo.masked(WRITER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write /api/mounts", e);
        }
    }

    private static void live(ObjectNode live, Optional<LiveTap> tap, long now) {
        OptionalLong age = tap.map(t -> t.newestFrameAgeNanos(now)).orElse(OptionalLong.empty());
        boolean running = tap.map(LiveTap::running).orElse(false);
        String state = !running ? "idle" : age.isPresent() && age.getAsLong() <= STALLED_NANOS ? "flowing" : "stalled";
        live.put("state", state);
        if (age.isPresent()) {
            live.put("newestFrameAgeMillis", TimeUnit.NANOSECONDS.toMillis(age.getAsLong()));
        } else {
            live.putNull("newestFrameAgeMillis");
        }
    }

    /** For a request without a usable Host header: the RTSP host, or localhost when it listens on every address. */
    private String configuredHost() {
        String host = context.config().rtsp().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
