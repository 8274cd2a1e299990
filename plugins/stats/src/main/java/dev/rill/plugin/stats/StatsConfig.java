package dev.rill.plugin.stats;

/**
 * A {@code "listeners"} entry of type {@code "stats"}, e.g.
 * {@code {"type": "stats", "logEverySeconds": 10, "httpHost": "127.0.0.1", "httpPort": 8080}}.
 * Every key may be left out: a missing key binds to {@code null} and takes its default here.
 *
 * @param logEverySeconds seconds between summary lines in the log, 0..86400; 0 logs none;
 *                        default 10
 * @param httpHost        deprecated (the server's top-level {@code "http"} listener serves the
 *                        statistics now): the address of a listener of the plugin's own; default
 *                        {@code 127.0.0.1}
 * @param httpPort        deprecated, as {@code httpHost}: that listener's port, 0..65535; 0 takes
 *                        a free port (logged); -1 serves no HTTP of its own; default 8080 when
 *                        {@code httpHost} is given, else -1: without either key the statistics are
 *                        only on the server's listener
 */
public record StatsConfig(Integer logEverySeconds, String httpHost, Integer httpPort) {

    static final int DEFAULT_LOG_EVERY_SECONDS = 10;
    static final int MAX_LOG_EVERY_SECONDS = 86_400;
    static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    static final int DEFAULT_HTTP_PORT = 8080;
    /** {@code httpPort} value that turns HTTP off. */
    static final int NO_HTTP = -1;

    public StatsConfig {
        logEverySeconds = logEverySeconds == null ? DEFAULT_LOG_EVERY_SECONDS : logEverySeconds;
        if (logEverySeconds < 0 || logEverySeconds > MAX_LOG_EVERY_SECONDS) {
            throw new IllegalArgumentException("logEverySeconds must be 0 (never) to " + MAX_LOG_EVERY_SECONDS
                    + ": " + logEverySeconds);
        }
        boolean ownListener = httpHost != null || httpPort != null;
        httpHost = httpHost == null ? DEFAULT_HTTP_HOST : httpHost;
        if (httpHost.isBlank() || httpHost.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '/')) {
            throw new IllegalArgumentException("httpHost must be a host name or address: '" + httpHost + "'");
        }
        httpPort = httpPort != null ? httpPort : ownListener ? DEFAULT_HTTP_PORT : NO_HTTP;
        if (httpPort < NO_HTTP || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be 0..65535 (0: any free port), or -1 for no HTTP: "
                    + httpPort);
        }
    }

    /** Every default: log every 10 s, no HTTP listener of its own. */
    public static StatsConfig defaults() {
        return new StatsConfig(null, null, null);
    }

    boolean httpEnabled() {
        return httpPort != NO_HTTP;
    }
}
