package dev.rill.server;

import dev.rill.server.tcp.TcpSends;
import dev.rill.server.udp.RtpSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import dev.rill.spi.HttpRouteContext;
import dev.rill.spi.HttpRouteProvider;
import dev.rill.spi.ListenerContext;
import dev.rill.spi.LiveSource;
import dev.rill.spi.LiveStatus;
import dev.rill.spi.Mount;
import dev.rill.spi.MountInfo;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Rill server: the RTSP accept loop, one virtual thread per connection, and the
 * shared RTP machinery. Start it with {@link #start}; {@link #close} ends every session (with
 * RTCP BYE) and frees every socket.
 */
public final class RtspServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    /** How often a drain looks whether any session is left. */
    private static final long DRAIN_POLL_MILLIS = 200;

    private final ServerSocket listener;
    private final RtpPorts ports;
    private final ServerContext context;
    private final Dispatcher dispatcher;
    private final ConnectionTable<RtspConnection> connections;
    private final AdmissionLog admissionLog;
    private final Thread acceptor;
    private final TcpSends tcpSends;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PluginDirectory plugins;
    /** Set once in {@link #start}, before the server is handed out. */
    private volatile Optional<HttpListener> http = Optional.empty();
    /**
     * The RTSPS listener, a plain TCP one whose sockets get TLS layered over them; set once in
     * {@link #start}. Its connections share the one table.
     */
    private volatile Optional<ServerSocket> secure = Optional.empty();
    private volatile Optional<javax.net.ssl.SSLSocketFactory> tls = Optional.empty();
    private final HttpMedia media;

    private RtspServer(ServerSocket listener, RtpPorts ports, ServerContext context, PluginDirectory plugins,
                       TcpSends tcpSends) {
        this.plugins = plugins;
        this.tcpSends = tcpSends;
        this.listener = listener;
        this.ports = ports;
        this.context = context;
        this.dispatcher = new Dispatcher(context);
        ServerConfig.LimitsConfig limits = context.config().limits();
        this.connections = new ConnectionTable<>(limits.maxConnections(), limits.maxConnectionsPerAddress());
        this.admissionLog = new AdmissionLog(limits.maxConnections(), limits.maxConnectionsPerAddress());
        this.media = new HttpMedia(context);
        this.acceptor = Thread.ofPlatform().name("rill-rtsp-accept").daemon(true).unstarted(() -> accept(listener, Optional.empty()));
    }

    /**
     * Starts a server from a config file, or from the embedded default when {@code configFile}
     * is null (relative paths then resolve against the working directory).
     *
     * @throws IOException when a socket cannot be bound
     * @throws IllegalArgumentException when the configuration is not usable; the message says why
     */
    public static RtspServer start(Path configFile) throws IOException {
        try {
            ConfigLoader loader = configFile == null ? ConfigLoader.embedded() : ConfigLoader.ofFile(configFile);
            Path base = configFile == null ? Path.of("") : configFile.toAbsolutePath().getParent();
            // The embedded default lives in the jar, so its plugins/ is the one next to the jar.
            Path pluginBase = configFile == null ? jarDirectory().orElse(base) : base;
            return start(loader, loader.load(), base.toAbsolutePath(), pluginBase.toAbsolutePath());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The directory of the jar the server runs from; empty when it runs from class directories. */
    private static java.util.Optional<Path> jarDirectory() {
        try {
            var source = RtspServer.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && java.nio.file.Files.isRegularFile(location)
                    ? java.util.Optional.of(location.getParent()) : java.util.Optional.empty();
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static RtspServer start(ConfigLoader loader, ServerConfig config, Path baseDirectory, Path pluginBase)
            throws IOException, ConfigException {
        PluginDirectory plugins = PluginDirectory.open(pluginBase.resolve(config.pluginDirectory()).normalize(),
                RtspServer.class.getClassLoader());
        try {
            return start(loader, config, baseDirectory, plugins);
        } catch (IOException | ConfigException | RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    private static RtspServer start(ConfigLoader loader, ServerConfig config, Path baseDirectory, PluginDirectory plugins)
            throws IOException, ConfigException {
        Extensions extensions = Extensions.load(RtspServer.class.getClassLoader(), plugins.plugins());
        MountTable mounts = MountTable.open(config, loader, extensions, baseDirectory);
        Recordings recordings;
        try {
            recordings = Recordings.open(config, loader.name(), mounts, baseDirectory);
        } catch (ConfigException | RuntimeException e) {
            mounts.close();
            throw e;
        }
        RtpSockets sockets;
        try {
            sockets = RtpSockets.choose(config.rtp().sendPathChoice());
        } catch (IOException e) {
            mounts.close();
            throw e;
        }
        InetAddress host = InetAddress.getByName(config.rtsp().host());
        // From a channel, so that accepted sockets have one: interleaved media uses gathering writes.
        ServerSocket listener = ServerSocketChannel.open().socket();
        RtpPorts ports = null;
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(host, config.rtsp().port()), 1024);
            ports = RtpPorts.open(config.rtsp().host(), config.rtp().serverPorts(), config.rtp().senderThreads(), sockets);
        } catch (IOException e) {
            listener.close();
            mounts.close();
            if (ports != null) {
                ports.close();
            }
            throw new IOException("cannot listen on " + config.rtsp().host() + ":" + config.rtsp().port() + ": " + e.getMessage(), e);
        }
        ServerContext context = new ServerContext(config, extensions, mounts, ports, recordings);
        RtspServer server = new RtspServer(listener, ports, context, plugins, TcpSends.choose(sockets.path().isNative()));
        try {
            ListenerContext listenerContext = new ListenerContext(() -> List.copyOf(context.sessions().all()), Instant.now(),
                    () -> mountInfos(mounts), server.media::viewerReport, context::accepting);
            Listeners listeners = Listeners.start(config, loader, extensions, listenerContext);
            context.listenWith(listeners);
            if (config.rtsps() != null) {
                ServerConfig.RtspsConfig rtsps = config.rtsps();
                server.tls = Optional.of(ServerTls.context("rtsps", baseDirectory.resolve(rtsps.certificate()),
                        baseDirectory.resolve(rtsps.key())).getSocketFactory());
                server.secure = Optional.of(openSecure(config));
            }
            if (config.http().enabled()) {
                Optional<javax.net.ssl.SSLContext> https = Optional.empty();
                if (config.httpsFiles().isPresent()) {
                    List<String> files = config.httpsFiles().get();
                    https = Optional.of(ServerTls.context("http", baseDirectory.resolve(files.get(0)),
                            baseDirectory.resolve(files.get(1))));
                }
                server.http = Optional.of(HttpListener.open(config.http().host(), config.http().port(), context.access(),
                        routes(extensions, server.media, new WebPage(new MountsApi(context, server.media, server.port(),
                                server.rtspsPort())),
                                new HttpRouteContext(listeners.all(), listenerContext)), https));
            }
        } catch (ConfigException | IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        context.access().logMode();
        context.start();
        server.http.ifPresent(HttpListener::start);
        server.acceptor.start();
        LOG.info("Rill listening on rtsp://{}:{}/ (RTP {}, RTCP {})", config.rtsp().host(), server.port(),
                ports.rtpPort(), ports.rtcpPort());
        server.secure.ifPresent(s -> {
            Thread.ofPlatform().name("rill-rtsps-accept").daemon(true).start(() -> server.accept(s, server.tls));
            LOG.info("Rill listening on rtsps://{}:{}/ (media interleaved in TLS only)",
                    displayHost(s.getInetAddress().getHostAddress()), s.getLocalPort());
        });
        for (String path : mounts.configuredPaths()) {
            LOG.info("serving rtsp://{}:{}{}", displayHost(config.rtsp().host()), server.port(), path);
        }
        for (String path : mounts.patternPaths()) {
            LOG.info("relaying rtsp://{}:{}{} on demand", displayHost(config.rtsp().host()), server.port(), path);
        }
        LOG.info("serving every media file in {} as rtsp://{}:{}/<file name>", mounts.mediaDirectory(),
                displayHost(config.rtsp().host()), server.port());
        return server;
    }

    /** Binds the RTSPS listener; accepting only hands sockets over, each handshakes on its own thread. */
    private static ServerSocket openSecure(ServerConfig config) throws IOException {
        ServerConfig.RtspsConfig rtsps = config.rtsps();
        String host = rtsps.host() != null ? rtsps.host() : config.rtsp().host();
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), rtsps.port()), 1024);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + host + ":" + rtsps.port() + " (rtsps): " + e.getMessage(), e);
        }
        return socket;
    }

    /** The plugins' routes and the server's own, each made once; a prefix taken twice stops start-up. */
    private static HttpRoutes routes(Extensions extensions, HttpMedia media, WebPage page, HttpRouteContext routeContext)
            throws ConfigException {
        List<HttpRoutes.Entry> entries = new java.util.ArrayList<>();
        for (HttpRouteProvider p : extensions.routes()) {
            try {
                entries.add(new HttpRoutes.Entry(p, p.route(routeContext)));
            } catch (Exception e) {
                throw new ConfigException("HTTP route " + p.prefix() + " (" + p.getClass().getName() + ") cannot start: "
                        + e.getMessage(), e);
            }
        }
        List<HttpMedia.BuiltIn> builtIns = new java.util.ArrayList<>(media.providers());
        builtIns.addAll(page.providers());
        for (HttpMedia.BuiltIn p : builtIns) {
            entries.add(new HttpRoutes.Entry(p, p.route(routeContext)));
        }
        return HttpRoutes.of(entries).withIndex(page.index());
    }

    /** The configured and relayed mounts as listeners see them; a live source whose status fails is shown without one. */
    private static List<MountInfo> mountInfos(MountTable mounts) {
        List<MountInfo> infos = new java.util.ArrayList<>();
        for (Mount m : mounts.listedMounts()) {
            String type = mounts.type(m.path()).orElse("");
            if (m.source() instanceof LiveSource live) {
                infos.add(new MountInfo(m.path(), type, MountInfo.Kind.LIVE, status(live)));
            } else {
                infos.add(new MountInfo(m.path(), type, MountInfo.Kind.STORED, Optional.empty()));
            }
        }
        return infos;
    }

    /** A live source's own report; plugin code, so a failure is logged and shown as no report. */
    static Optional<LiveStatus> status(LiveSource source) {
        try {
            return java.util.Objects.requireNonNull(source.status(), "status()");
        } catch (RuntimeException e) {
            LOG.debug("{}: status failed: {}", source.describe(), e.toString());
            return Optional.empty();
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    /** The RTSP port, useful when the config asked for port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The RTSPS port (the real one when the config asked for 0); empty without {@code rtsps}. */
    public java.util.OptionalInt rtspsPort() {
        return secure.map(s -> java.util.OptionalInt.of(s.getLocalPort())).orElse(java.util.OptionalInt.empty());
    }

    /** The server's RTP port; RTCP is the next one. */
    public int rtpPort() {
        return ports.rtpPort();
    }

    /** The HTTP listener's port (the real one when the config asked for 0); empty when HTTP is off. */
    public java.util.OptionalInt httpPort() {
        return http.map(h -> java.util.OptionalInt.of(h.port())).orElse(java.util.OptionalInt.empty());
    }

    /** The server's HTTP routes to media, for tests. */
    HttpMedia httpMedia() {
        return media;
    }

    /** The open connections, for tests. */
    ConnectionTable<RtspConnection> connections() {
        return connections;
    }

    /** The server's shared parts, for tests. */
    ServerContext context() {
        return context;
    }

    /** Sessions alive now. */
    public int sessionCount() {
        return context.sessions().size();
    }

    /** Accepts until the listener closes; with {@code tls}, each socket gets TLS (server side) layered over it. */
    private void accept(ServerSocket listener, Optional<javax.net.ssl.SSLSocketFactory> tls) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("accept failed: {}", e.toString());
                }
                continue;
            }
            try {
                serve(tls.isPresent() ? tls.get().createSocket(socket, null, true) : socket, socket);
            } catch (IOException e) {
                LOG.warn("cannot serve {}: {}", socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
            }
        }
    }

    /** Admits an accepted socket and starts its connection, or closes it at once. */
    private void serve(Socket socket, Socket tcp) throws IOException {
        RtspConnection[] holder = new RtspConnection[1];
        RtspConnection connection = new RtspConnection(socket, tcp, context, dispatcher, tcpSends,
                () -> connections.used(holder[0]), () -> connections.remove(holder[0]));
        holder[0] = connection;
        switch (connections.admit(connection, socket.getInetAddress())) {
            case ConnectionTable.Refused<RtspConnection> refused -> {
                closeQuietly(tcp);
                admissionLog.refused(refused.why(), connection.peer());
            }
            case ConnectionTable.Admitted<RtspConnection> admitted -> {
                admitted.evicted().ifPresent(old -> {
                    old.close();
                    admissionLog.evicted(old.peer());
                });
                Thread.ofVirtual().name("rill-rtsp-" + socket.getRemoteSocketAddress()).start(connection);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do for a socket we are refusing
        }
    }

    /**
     * SIGTERM's way out, for rolling restarts behind a load balancer. With {@code drainSeconds} 0
     * (the default) it is {@link #close} at once. Otherwise the server first stops taking new work:
     * {@code /health} answers 503, the RTSP listener closes (a balancer's next connection fails over
     * to another instance at once, where a 503 would reach the viewer), and on connections already
     * open DESCRIBE, ANNOUNCE and a SETUP that would make a session get 503, as do new HTTP viewers.
     * Sessions and HTTP viewers already playing go on for up to {@code drainSeconds}, or until none
     * is left; then {@link #close} sends every session BYE.
     */
    public void stop() {
        int drainSeconds = context.config().drainSeconds();
        if (drainSeconds > 0 && !closed.get()) {
            context.stopAccepting();
            closeListeners();
            LOG.info("draining: no new sessions; {} sessions and {} HTTP viewers may go on for up to {} s",
                    sessionCount(), media.viewers(), drainSeconds);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            try {
                long left;
                while ((left = deadline - System.nanoTime()) > 0 && (sessionCount() > 0 || media.viewers() > 0)) {
                    Thread.sleep(Math.max(1, Math.min(DRAIN_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("drained: {} sessions left get BYE", sessionCount());
        }
        close();
    }

    private void closeListeners() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("close listener: {}", e.toString());
        }
        secure.ifPresent(s -> {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("close rtsps listener: {}", e.toString());
            }
        });
    }

    /** Ends every session (RTCP BYE to each), closes every connection and socket. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeListeners();
        media.close();
        context.close();
        http.ifPresent(HttpListener::close);
        for (RtspConnection c : connections.all()) {
            c.close();
        }
        try {
            ports.close();
        } catch (IOException e) {
            LOG.debug("close RTP ports: {}", e.toString());
        }
        plugins.close();
        LOG.info("Rill stopped");
    }
}
