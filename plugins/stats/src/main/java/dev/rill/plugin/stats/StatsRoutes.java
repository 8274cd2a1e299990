package dev.rill.plugin.stats;

import dev.rill.spi.HttpCall;
import dev.rill.spi.HttpRoute;
import dev.rill.spi.HttpRouteContext;
import dev.rill.spi.HttpRouteProvider;
import dev.rill.spi.ListenerContext;
import dev.rill.spi.SessionListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /stats}, {@code /metrics} and {@code /health} on the server's HTTP listener, answered
 * from the config's stats listener as {@link StatsHttp} answers them. {@code /stats} and
 * {@code /metrics} name every session's peer, so they answer only peers on this machine (403 for
 * others); {@code /health} is for load balancers and answers everyone: 200 while the server takes
 * new sessions, 503 from SIGTERM on (while it drains, and while it stops). Without a stats
 * listener in the config, {@code /stats} and {@code /metrics} answer 404 and {@code /health}
 * answers from the server's {@link ListenerContext#accepting()} alone.
 */
public final class StatsRoutes {

    private StatsRoutes() {
    }

    /** {@code GET /stats}: JSON. */
    public static final class Stats implements HttpRouteProvider {
        @Override
        public String prefix() {
            return "/stats";
        }

        @Override
        public HttpRoute route(HttpRouteContext context) {
            return call -> answer(call, listener(context), context.server(), false);
        }
    }

    /** {@code GET /metrics}: Prometheus text. */
    public static final class Metrics implements HttpRouteProvider {
        @Override
        public String prefix() {
            return "/metrics";
        }

        @Override
        public HttpRoute route(HttpRouteContext context) {
            return call -> answer(call, listener(context), context.server(), false);
        }
    }

    /** {@code GET /health}: 200 while taking new sessions, 503 while draining or stopping. */
    public static final class Health implements HttpRouteProvider {
        @Override
        public String prefix() {
            return "/health";
        }

        @Override
        public HttpRoute route(HttpRouteContext context) {
            return call -> answer(call, listener(context), context.server(), true);
        }
    }

    private static Optional<StatsListener> listener(HttpRouteContext context) {
        for (SessionListener l : context.listeners()) {
            if (l instanceof StatsListener stats) {
                return Optional.of(stats);
            }
        }
        return Optional.empty();
    }

    /**
     * Who may read a path: {@code /health} anyone, the rest only peers on this machine, or, on a
     * server with users, those the server let through with the permission ({@link HttpCall#privileged}).
     */
    static boolean allowed(HttpCall call, boolean open) {
        return open || call.privileged();
    }

    private static void answer(HttpCall call, Optional<StatsListener> listener, ListenerContext server, boolean open) throws IOException {
        if (!allowed(call, open)) {
            respond(call, new StatsHttp.Answer(403, StatsHttp.JSON, StatsJson.error("only from this machine")));
            return;
        }
        String path = call.path();
        if (listener.isEmpty()) {
            boolean health = path.equals("/health") && (call.method().equals("GET") || call.method().equals("HEAD"));
            boolean up = server.accepting().getAsBoolean();
            respond(call, !health ? new StatsHttp.Answer(404, StatsHttp.JSON, StatsJson.error("no stats listener in the config"))
                    : up ? new StatsHttp.Answer(200, StatsHttp.JSON, "{\"status\":\"UP\"}")
                    : new StatsHttp.Answer(503, StatsHttp.JSON, "{\"status\":\"DOWN\"}"));
            return;
        }
        StatsListener stats = listener.get();
        respond(call, StatsHttp.answer(path, call.method(), stats::snapshot, stats::stopping));
    }

    private static void respond(HttpCall call, StatsHttp.Answer answer) throws IOException {
        call.setHeader("Cache-Control", "no-store");
        if (answer.status() == 405) {
            call.setHeader("Allow", StatsHttp.ALLOW);
        }
        call.respond(answer.status(), answer.contentType(), answer.body().getBytes(StandardCharsets.UTF_8));
    }
}
