package dev.rill.plugin.stats;

/**
 * A {@code "listeners"} entry of type {@code "stats"}, e.g.
 * {@code {"type": "stats", "logEverySeconds": 10, "httpHost": "127.0.0.1", "httpPort": 8080}}.
 * Every key may be left out: a missing key binds to {@code null} and takes its default here.
 *
 * @param logEverySeconds seconds between summary lines in the log, 0..86400; 0 logs none;
 *                        default 10
 * @param httpHost        the address the HTTP endpoints listen on; default {@code 127.0.0.1}, so
 *                        nothing is exposed beyond the machine unless the config says so
 * @param httpPort        the HTTP port, 0..65535; 0 takes a free port (logged); -1 serves no
 *                        HTTP; default 8080
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
        httpHost = httpHost == null ? DEFAULT_HTTP_HOST : httpHost;
        if (httpHost.isBlank() || httpHost.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '/')) {
            throw new IllegalArgumentException("httpHost must be a host name or address: '" + httpHost + "'");
        }
        httpPort = httpPort == null ? DEFAULT_HTTP_PORT : httpPort;
        if (httpPort < NO_HTTP || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be 0..65535 (0: any free port), or -1 for no HTTP: "
                    + httpPort);
        }
    }

    /** Every default: log every 10 s, HTTP on 127.0.0.1:8080. */
    public static StatsConfig defaults() {
        return new StatsConfig(null, null, null);
    }

    boolean httpEnabled() {
        return httpPort != NO_HTTP;
    }
}
