package dev.rill.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.udp.SendPath;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server is configured with: one JSON file bound to these records. Every key is
 * optional; a missing key takes the default named in its record.
 *
 * @param rtsp                  where RTSP listens
 * @param rtp                   how RTP leaves
 * @param sessionTimeoutSeconds a standard session that sends nothing for this long is reaped (default 60)
 * @param limits                bounds on what peers can make the server hold
 * @param mediaDirectory        directory whose media files are served under their names (default
 *                              {@code media}, relative to the config file's directory, or to the
 *                              working directory for the embedded default)
 * @param defaultFps            frames per second for sources that give none (default 20)
 * @param mounts                explicit mounts: URL path to source
 * @param pluginDirectory       directory of drop-in plugin jars (default {@code plugins})
 * @param listeners             session listeners, each {@code {"type": ..., ...}}
 * @param http                  the one HTTP listener (browsers' streams and snapshots, statistics);
 *                              none when the key is missing or null: only the embedded default
 *                              turns it on, so configs and tests that do not ask for it bind no port
 * @param drainSeconds          on SIGTERM: seconds playing sessions may go on once the server has
 *                              stopped taking new ones ({@code /health} 503, new connections refused,
 *                              a new session 503), before every session gets BYE and the server
 *                              exits; it exits sooner when no session is left (default 0: BYE and
 *                              exit at once; at most 3600)
 * @param auth                  users and what they may do ({@link AuthConfig}); null: an open server
 * @param rtsps                 RTSP over TLS beside plain RTSP ({@link RtspsConfig}); null: none
 */
record ServerConfig(RtspConfig rtsp, RtpConfig rtp, Integer sessionTimeoutSeconds, LimitsConfig limits,
                    String mediaDirectory, Double defaultFps, List<MountConfig> mounts,
                    String pluginDirectory, List<JsonNode> listeners, HttpConfig http, Integer drainSeconds,
                    AuthConfig auth, RtspsConfig rtsps) {

    /** The longest drain taken. */
    static final int MAX_DRAIN_SECONDS = 3600;

    ServerConfig {
        rtsp = rtsp != null ? rtsp : new RtspConfig(null, null);
        rtp = rtp != null ? rtp : new RtpConfig(null, null, null, null);
        sessionTimeoutSeconds = sessionTimeoutSeconds != null ? sessionTimeoutSeconds : 60;
        if (sessionTimeoutSeconds < 5 || sessionTimeoutSeconds > 86_400) {
            throw new IllegalArgumentException("sessionTimeoutSeconds must be 5..86400: " + sessionTimeoutSeconds);
        }
        limits = limits != null ? limits : new LimitsConfig(null, null, null, null, null, null, null);
        mediaDirectory = mediaDirectory != null ? mediaDirectory : "media";
        defaultFps = defaultFps != null ? defaultFps : 20.0;
        if (!(defaultFps > 0 && defaultFps <= 240)) {
            throw new IllegalArgumentException("defaultFps must be in (0, 240]: " + defaultFps);
        }
        mounts = mounts != null ? List.copyOf(mounts) : List.of();
        pluginDirectory = pluginDirectory != null ? pluginDirectory : "plugins";
        listeners = listeners != null ? List.copyOf(listeners) : List.of();
        http = http != null ? http : new HttpConfig(null, HttpConfig.OFF, null, null, null);
        if (http.tls() && http.certificate() == null && rtsps == null) {
            throw new IllegalArgumentException("http.tls needs \"certificate\" and \"key\" in \"http\" or in \"rtsps\"");
        }
        drainSeconds = drainSeconds != null ? drainSeconds : 0;
        if (drainSeconds < 0 || drainSeconds > MAX_DRAIN_SECONDS) {
            throw new IllegalArgumentException("drainSeconds must be 0.." + MAX_DRAIN_SECONDS + ": " + drainSeconds);
        }
    }

    /** The HTTPS certificate and key files: http's own, else rtsps's; empty for plain HTTP. */
    java.util.Optional<List<String>> httpsFiles() {
        if (!http.tls()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(http.certificate() != null ? List.of(http.certificate(), http.key())
                : List.of(rtsps.certificate(), rtsps.key()));
    }

    /** The embedded default with everything defaulted. */
    static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * @param host address to listen on (default {@code 0.0.0.0}: every interface)
     * @param port TCP port (default 8554; 0 picks a free one)
     */
    record RtspConfig(String host, Integer port) {
        RtspConfig {
            host = host != null ? host : "0.0.0.0";
            port = port != null ? port : 8554;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
        }
    }

    /**
     * RTSP over TLS: requests and interleaved RTP inside one TLS connection.
     *
     * @param host        address to listen on (default: {@code rtsp.host})
     * @param port        TCP port (default 8322; 0 picks a free one)
     * @param certificate PEM certificate chain, the server's own first; relative to the config file
     * @param key         its PEM private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or RSA
     */
    record RtspsConfig(String host, Integer port, String certificate, String key) {
        RtspsConfig {
            port = port != null ? port : 8322;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            if (certificate == null || certificate.isBlank() || key == null || key.isBlank()) {
                throw new IllegalArgumentException("rtsps needs \"certificate\" and \"key\" (PEM files; "
                        + "java -jar rill-server.jar gen-cert makes a self-signed pair)");
            }
        }
    }

    /**
     * @param host        address to listen on (default {@code 0.0.0.0}: every interface)
     * @param port        TCP port (default 8080; 0 picks a free one, logged; -1: no HTTP listener)
     * @param tls         HTTPS instead of HTTP (default false)
     * @param certificate PEM certificate chain for HTTPS; default: {@code rtsps.certificate}
     * @param key         its PEM private key; default: {@code rtsps.key}
     */
    record HttpConfig(String host, Integer port, Boolean tls, String certificate, String key) {
        /** {@code port} value that turns the listener off. */
        static final int OFF = -1;

        HttpConfig {
            host = host != null ? host : "0.0.0.0";
            port = port != null ? port : 8080;
            if (port < OFF || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535 (0: a free port), or -1 for no HTTP: " + port);
            }
            if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '/')) {
                throw new IllegalArgumentException("host must be a host name or address: '" + host + "'");
            }
            tls = tls != null && tls;
            if (!tls && (certificate != null || key != null)) {
                throw new IllegalArgumentException("\"certificate\" and \"key\" are used only with \"tls\": true");
            }
            if ((certificate == null) != (key == null)) {
                throw new IllegalArgumentException("give both \"certificate\" and \"key\", or neither (then rtsps's are used)");
            }
        }

        boolean enabled() {
            return port != OFF;
        }
    }

    /**
     * @param serverPorts   {@code "auto"} (a free even/odd pair) or {@code "a-b"} with a even and b = a + 1
     * @param maxPacketSize bytes of one RTP packet, header included (default 1400, 100..65507)
     * @param senderThreads threads that send RTP, sessions split between them (default: one per
     *                      core, at most 8)
     * @param sendPath      how RTP over UDP leaves ({@link SendPath}): {@code auto} (the default: GSO
     *                      batches on Linux with Java 22+, else the portable path), {@code gso},
     *                      {@code sendmmsg} or {@code portable}. The system property
     *                      {@value #SEND_PATH_PROPERTY} changes the default (the build runs the RTP
     *                      tests once more with it set to {@code portable}); the key still wins.
     */
    record RtpConfig(String serverPorts, Integer maxPacketSize, Integer senderThreads, String sendPath) {
        /** The system property that gives {@code rtp.sendPath}'s default. */
        static final String SEND_PATH_PROPERTY = "rill.rtp.sendPath";

        RtpConfig {
            sendPath = SendPath.of(sendPath != null ? sendPath : System.getProperty(SEND_PATH_PROPERTY, "auto")).key();
            senderThreads = senderThreads != null ? senderThreads : Math.min(8, Runtime.getRuntime().availableProcessors());
            if (senderThreads < 1 || senderThreads > 64) {
                throw new IllegalArgumentException("senderThreads must be 1..64: " + senderThreads);
            }
            serverPorts = serverPorts != null ? serverPorts : "auto";
            if (!serverPorts.equals("auto") && !serverPorts.matches("\\d{1,5}-\\d{1,5}")) {
                throw new IllegalArgumentException("serverPorts must be \"auto\" or \"a-b\": " + serverPorts);
            }
            maxPacketSize = maxPacketSize != null ? maxPacketSize : 1400;
            if (maxPacketSize < 100 || maxPacketSize > 65_507) {
                throw new IllegalArgumentException("maxPacketSize must be 100..65507: " + maxPacketSize);
            }
        }

        /** {@code sendPath} as the value it names. */
        SendPath sendPathChoice() {
            return SendPath.of(sendPath);
        }
    }

    /**
     * @param maxConnections        open RTSP connections (default 8192); past it a newcomer takes the
     *                              place of the oldest connection that has not sent a request yet,
     *                              and is closed at once when there is none
     * @param maxSessions           sessions in the pool (default 8192); SETUP past it gets 453
     * @param maxSessionsPerConnection sessions one connection may set up (default 16)
     * @param requestTimeoutSeconds time a request may take to arrive once begun (default 10)
     * @param idleConnectionSeconds a connection with no session that sends nothing for this long is closed (default 60)
     * @param maxConnectionsPerAddress open RTSP connections from one peer address, loopback included
     *                              (default 64); one more is closed at once
     * @param firstRequestSeconds   a connection whose first request is not complete this long after
     *                              it was accepted is closed (default 10)
     */
    record LimitsConfig(Integer maxConnections, Integer maxSessions, Integer maxSessionsPerConnection,
                        Integer requestTimeoutSeconds, Integer idleConnectionSeconds,
                        Integer maxConnectionsPerAddress, Integer firstRequestSeconds) {
        LimitsConfig {
            maxConnections = positive("limits.maxConnections", maxConnections, 8192);
            maxConnectionsPerAddress = positive("limits.maxConnectionsPerAddress", maxConnectionsPerAddress, 64);
            firstRequestSeconds = positive("limits.firstRequestSeconds", firstRequestSeconds, 10);
            maxSessions = positive("limits.maxSessions", maxSessions, 8192);
            maxSessionsPerConnection = positive("limits.maxSessionsPerConnection", maxSessionsPerConnection, 16);
            requestTimeoutSeconds = positive("limits.requestTimeoutSeconds", requestTimeoutSeconds, 10);
            idleConnectionSeconds = positive("limits.idleConnectionSeconds", idleConnectionSeconds, 60);
        }

        private static int positive(String key, Integer value, int fallback) {
            int v = value != null ? value : fallback;
            if (v <= 0) {
                throw new IllegalArgumentException(key + " must be positive: " + v);
            }
            return v;
        }
    }

    /**
     * @param path   URL path starting with {@code /}, e.g. {@code /movie.Mjpeg}; ending in {@code /*}, a
     *               pattern: every path under it that nothing else serves, with {@code {path}} in the
     *               source's string values replaced by that path ({@link PatternMounts})
     * @param source {@code {"type": ..., ...}}: the rest binds to the provider's config record
     * @param record where and how to record a live mount's frames; null: not recorded
     */
    record MountConfig(String path, JsonNode source, RecordConfig record) {
        /** The mount's recording, if it has one. */
        java.util.Optional<RecordConfig> recording() {
            return java.util.Optional.ofNullable(record);
        }

        MountConfig {
            if (path == null || !path.startsWith("/") || path.length() < 2 || path.contains("//")) {
                throw new IllegalArgumentException("mount path must start with '/' and name something: " + path);
            }
            if (path.indexOf('*') >= 0 && (!path.endsWith("/*") || path.indexOf('*') != path.length() - 1)) {
                throw new IllegalArgumentException("mount path " + path + ": '*' is taken only as the last segment,"
                        + " e.g. \"/*\" or \"/cams/*\" (every path under it)");
            }
            Objects.requireNonNull(source, "mount " + path + " needs a \"source\"");
            if (!source.isObject() || !source.path("type").isTextual()) {
                throw new IllegalArgumentException("mount " + path + ": \"source\" must be an object with a \"type\"");
            }
        }
    }

    /**
     * A live mount's recording: segments of {@code .Mjpeg} with their frame times beside them.
     *
     * @param directory      where segments go (default {@code recordings}); relative to the config
     *                       file's directory, like {@code mediaDirectory}
     * @param segmentSeconds a segment is closed and the next begun after this long (default 600, at least 1)
     * @param keepSegments   finished segments kept; older ones are deleted (default 48, at least 1)
     */
    record RecordConfig(String directory, Integer segmentSeconds, Integer keepSegments) {
        RecordConfig {
            directory = directory != null ? directory : "recordings";
            if (directory.isBlank()) {
                throw new IllegalArgumentException("record.directory must name a directory");
            }
            segmentSeconds = segmentSeconds != null ? segmentSeconds : 600;
            if (segmentSeconds < 1) {
                throw new IllegalArgumentException("record.segmentSeconds must be at least 1: " + segmentSeconds);
            }
            keepSegments = keepSegments != null ? keepSegments : 48;
            if (keepSegments < 1) {
                throw new IllegalArgumentException("record.keepSegments must be at least 1: " + keepSegments);
            }
        }
    }
}
