package dev.rill.bench;

import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.PortRange;
import dev.rill.wire.RequestStyle;
import dev.rill.wire.RtspClient;
import dev.rill.wire.RtspClientOptions;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One soak viewer's life: connects as one {@link Kind} of viewer, watches for its lifetime
 * (sending a keep-alive now and then, perhaps pausing once), then leaves with a TEARDOWN or by
 * simply vanishing. Blocking I/O on its own virtual thread; every read has a timeout.
 */
final class SoakViewer {

    /** The viewers the soak mixes, with their shares of the population (in percent). */
    enum Kind {
        UDP_FILE(35), TCP_FILE(20), UDP_LIVE(15), HTTP_FILE(15), SLOW_TCP(5), SLOW_HTTP(5), STALLED_TCP(3),
        STALLED_HTTP(2);

        final int share;

        Kind(int share) {
            this.share = share;
        }

        static Kind pick(Random random) {
            int r = random.nextInt(100);
            for (Kind k : values()) {
                r -= k.share;
                if (r < 0) {
                    return k;
                }
            }
            return UDP_FILE;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int SLOW_READ = 2048;
    private static final long SLOW_PAUSE_MS = 250;

    private final SoakOptions options;
    private final SoakCounters counters;
    private final Random random;
    private final BooleanSupplier running;

    SoakViewer(SoakOptions options, SoakCounters counters, Random random, BooleanSupplier running) {
        this.options = options;
        this.counters = counters;
        this.random = random;
        this.running = running;
    }

    /** Lives one viewer of {@code kind} for about {@code lifetimeNanos}; failures are counted, not thrown. */
    void live(Kind kind, long lifetimeNanos) {
        counters.viewersStarted.increment();
        counters.viewersNow.incrementAndGet();
        long end = System.nanoTime() + lifetimeNanos;
        try {
            switch (kind) {
                case UDP_FILE -> rtsp(options.file(), false, end);
                case UDP_LIVE -> rtsp(options.live(), false, end);
                case TCP_FILE -> rtsp(options.file(), true, end);
                case SLOW_TCP -> slowTcp(end, true);
                case STALLED_TCP -> slowTcp(end, false);
                case HTTP_FILE -> http(end, Reading.FULL);
                case SLOW_HTTP -> http(end, Reading.SLOW);
                case STALLED_HTTP -> http(end, Reading.NONE);
            }
        } catch (IOException | RuntimeException e) {
            counters.failed(kind.name(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            counters.viewersNow.decrementAndGet();
        }
    }

    private enum Reading { FULL, SLOW, NONE }

    /** A player: DESCRIBE, SETUP, PLAY, watch (maybe PAUSE and PLAY once), then TEARDOWN or vanish. */
    private void rtsp(String path, boolean tcp, long end) throws IOException, InterruptedException {
        String url = options.rtspBase() + path;
        RtspClientOptions o = RtspClientOptions.of(RequestStyle.STANDARD).withTimeout(TIMEOUT)
                .withUserAgent("rill-soak").withReaderThread(tcp);
        UdpPair pair = null;
        try (RtspClient client = RtspClient.connect(URI.create(url), o)) {
            if (tcp) {
                client.onInterleaved(frame -> {
                    counters.packets.increment();
                    counters.bytes.add(frame.payload().length);
                });
            }
            String setupUrl = describe(client, url);
            Transport offer;
            if (tcp) {
                offer = Transport.tcp(new PortRange(0, 1));
            } else {
                pair = UdpPair.open(InetAddress.getLoopbackAddress(), 0);
                pair.rtp().configureBlocking(true);
                offer = Transport.udp(new PortRange(pair.rtpPort(), pair.rtpPort() + 1));
            }
            RtspResponse setup = ok(client.request(RtspMethod.SETUP, setupUrl, RtspHeaders.TRANSPORT, offer.format()));
            String id = SessionHeader.parse(setup.headers().first(RtspHeaders.SESSION)
                    .orElseThrow(() -> new IOException("SETUP reply without Session"))).id();
            ok(client.request(RtspMethod.PLAY, url, RtspHeaders.SESSION, id, RtspHeaders.RANGE, "npt=0.000-"));
            counters.viewersPlayed.increment();
            int ending = random.nextInt(100);
            long pauseAt = ending < 10 ? System.nanoTime() + (end - System.nanoTime()) / 2 : Long.MAX_VALUE;
            long keepAlive = System.nanoTime() + KEEP_ALIVE_NANOS;
            while (running.getAsBoolean() && System.nanoTime() < end) {
                if (pair != null) {
                    receive(pair);
                } else {
                    Thread.sleep(500);
                }
                long now = System.nanoTime();
                if (now >= keepAlive) {
                    keepAlive = now + KEEP_ALIVE_NANOS;
                    client.request(RtspMethod.GET_PARAMETER, url, RtspHeaders.SESSION, id);
                }
                if (now >= pauseAt) {
                    pauseAt = Long.MAX_VALUE;
                    ok(client.request(RtspMethod.PAUSE, url, RtspHeaders.SESSION, id));
                    Thread.sleep(1000);
                    ok(client.request(RtspMethod.PLAY, url, RtspHeaders.SESSION, id));
                    counters.pauses.increment();
                }
            }
            if (ending >= 75) {
                counters.vanished.increment(); // the connection closes with no TEARDOWN
            } else {
                client.request(RtspMethod.TEARDOWN, url, RtspHeaders.SESSION, id);
                counters.teardowns.increment();
            }
        } finally {
            if (pair != null) {
                pair.close();
            }
        }
    }

    private void receive(UdpPair pair) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        pair.rtp().socket().setSoTimeout(1000);
        for (int i = 0; i < 200; i++) {
            try {
                pair.rtp().socket().receive(p);
            } catch (SocketTimeoutException e) {
                return; // nothing for a second: a live mount whose publisher left, or a pause
            }
            counters.packets.increment();
            counters.bytes.add(p.getLength());
        }
    }

    /** A TCP player that reads a trickle of what it is sent (slow), or nothing at all (stalled), then vanishes. */
    private void slowTcp(long end, boolean reads) throws IOException, InterruptedException {
        String url = options.rtspBase() + options.file();
        RtspClientOptions o = RtspClientOptions.of(RequestStyle.STANDARD).withTimeout(TIMEOUT)
                .withUserAgent("rill-soak-slow").withReaderThread(false);
        try (RtspClient client = RtspClient.connect(URI.create(url), o)) {
            String setupUrl = describe(client, url);
            RtspResponse setup = ok(client.request(RtspMethod.SETUP, setupUrl, RtspHeaders.TRANSPORT,
                    Transport.tcp(new PortRange(0, 1)).format()));
            String id = SessionHeader.parse(setup.headers().first(RtspHeaders.SESSION).orElseThrow()).id();
            ok(client.request(RtspMethod.PLAY, url, RtspHeaders.SESSION, id, RtspHeaders.RANGE, "npt=0.000-"));
            counters.viewersPlayed.increment();
            SocketChannel channel = client.detach().channel();
            ByteBuffer buffer = ByteBuffer.allocate(SLOW_READ);
            while (running.getAsBoolean() && System.nanoTime() < end) {
                if (reads) {
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n < 0) {
                        throw new IOException("the server closed a slow reader's connection");
                    }
                    counters.bytes.add(n);
                }
                Thread.sleep(SLOW_PAUSE_MS);
            }
            counters.vanished.increment();
        }
    }

    /** A browser-like viewer of the multipart stream: reads all, a trickle, or nothing; then closes. */
    private void http(long end, Reading reading) throws IOException, InterruptedException {
        URI base = URI.create(options.httpBase());
        String name = options.file().substring(1);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET /stream/" + name + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "User-Agent: rill-soak\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            String status = new String(head, StandardCharsets.US_ASCII);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("GET /stream answered " + status.strip());
            }
            counters.viewersPlayed.increment();
            byte[] buffer = new byte[reading == Reading.FULL ? 65_536 : SLOW_READ];
            while (running.getAsBoolean() && System.nanoTime() < end) {
                if (reading == Reading.NONE) {
                    Thread.sleep(SLOW_PAUSE_MS);
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the server ended the HTTP stream");
                }
                counters.bytes.add(n);
                if (reading == Reading.SLOW) {
                    Thread.sleep(SLOW_PAUSE_MS);
                }
            }
            counters.vanished.increment();
        }
    }

    /** DESCRIBE; the URL to SETUP (the SDP's control attribute resolved against the Content-Base). */
    private static String describe(RtspClient client, String url) throws IOException {
        RtspResponse describe = ok(client.request(RtspMethod.DESCRIBE, url, RtspHeaders.ACCEPT, "application/sdp"));
        SdpInfo sdp = SdpInfo.parse(new String(describe.body(), StandardCharsets.UTF_8));
        return RtspUrl.resolveControl(describe.headers().first(RtspHeaders.CONTENT_BASE).orElse(url), sdp.control());
    }

    private static RtspResponse ok(RtspResponse r) throws IOException {
        if (!r.status().isSuccess()) {
            throw new IOException(r.status().code() + " " + r.status().reason());
        }
        return r;
    }
}
