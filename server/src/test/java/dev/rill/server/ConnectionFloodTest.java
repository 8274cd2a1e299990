package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that connect and send nothing, from other loopback addresses (Linux routes all of
 * 127/8 to lo), cannot lock a viewer out: one address holds at most its share, silent ones are
 * closed, and when the server is full a newcomer takes a silent one's place.
 */
class ConnectionFloodTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    TestServer server;
    final List<Socket> held = new ArrayList<>();
    final AtomicBoolean flooding = new AtomicBoolean();
    Thread flood;

    @AfterEach
    void stop() throws Exception {
        flooding.set(false);
        if (flood != null) {
            flood.join(Duration.ofSeconds(10));
        }
        for (Socket s : held) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(int maxConnections, int firstRequestSeconds) throws IOException {
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(20, 32, 32));
        server = TestServer.start(dir, "\"limits\": {\"maxConnections\": " + maxConnections
                + ", \"maxConnectionsPerAddress\": 64, \"firstRequestSeconds\": " + firstRequestSeconds + "}, "
                + "\"mounts\": [{\"path\": \"/clip\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", "
                + "\"fps\": 25, \"loop\": true}}]");
    }

    static InetAddress loopback(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    /** A connection from {@code from} that sends nothing. */
    private Socket silent(InetAddress from) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void assumeLoopbackAliases() throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(loopback(2), 0));
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "cannot bind a socket to 127.0.0.2 here (" + e + "); Linux routes 127/8 to lo");
        }
    }

    /** A viewer from 127.0.0.1 that plays the looping clip. */
    private StandardClient playingViewer() throws IOException {
        StandardClient viewer = new StandardClient(server.port(), "/clip");
        assertEquals(200, viewer.setupUdp().status().code());
        assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
        return viewer;
    }

    /**
     * Keeps about {@code count} silent connections from 127.0.0.2 open, a new one every few
     * milliseconds in place of the oldest: what an attacker does to renew its hold.
     */
    private void floodFrom(InetAddress from, int count, AtomicLong opened) {
        flooding.set(true);
        flood = Thread.ofPlatform().name("flood").start(() -> {
            Deque<Socket> open = new ArrayDeque<>();
            try {
                while (flooding.get()) {
                    try {
                        open.addLast(silent(from));
                        opened.incrementAndGet();
                    } catch (IOException e) {
                        // the backlog may be full for a moment; try again
                    }
                    if (open.size() > count) {
                        open.pollFirst().close();
                    }
                    if (opened.get() > count) {
                        Thread.sleep(5);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test is over
            } finally {
                open.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
            }
        });
    }

    @Test
    void aFloodFromOneAddressLeavesViewersFromAnotherPlayingAndJoining() throws Exception {
        assumeLoopbackAliases();
        start(200, 2);
        InetAddress attacker = loopback(2);
        try (StandardClient viewer = playingViewer()) {
            await().atMost(EVENTUALLY).until(() -> viewer.frames().size() >= 5);
            AtomicLong opened = new AtomicLong();
            floodFrom(attacker, 300, opened);
            ConnectionTable<RtspConnection> table = server.server.connections();
            await().atMost(EVENTUALLY).until(() -> opened.get() >= 400 && table.size(attacker) > 0);
            assertTrue(table.size(attacker) <= 64, table.size(attacker) + " connections from one address");

            int before = viewer.frames().size();
            await().atMost(EVENTUALLY).until(() -> viewer.frames().size() >= before + 25);
            try (StandardClient newcomer = playingViewer()) {
                await().atMost(EVENTUALLY).until(() -> newcomer.frames().size() >= 5);
            }
            assertTrue(flood.isAlive() && table.size(attacker) <= 64, "the flood held on while the viewers played");

            flooding.set(false);
            flood.join(Duration.ofSeconds(10));
            await().atMost(EVENTUALLY).until(() -> table.size(attacker) == 0);
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheFirstRequestTimeout() throws Exception {
        assumeLoopbackAliases();
        start(200, 2);
        InetAddress from = loopback(3);
        for (int i = 0; i < 10; i++) {
            held.add(silent(from));
        }
        ConnectionTable<RtspConnection> table = server.server.connections();
        await().atMost(EVENTUALLY).until(() -> table.size(from) == 10);
        await().atMost(EVENTUALLY).until(() -> table.size(from) == 0);
        for (Socket s : held) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "closed by the server without a word");
        }
    }

    @Test
    void aFullServerGivesASilentConnectionsPlaceToANewViewer() throws Exception {
        assumeLoopbackAliases();
        start(100, 60);
        ConnectionTable<RtspConnection> table = server.server.connections();
        // 64 + 36 silent connections from two addresses fill the server.
        for (int i = 0; i < 100; i++) {
            held.add(silent(loopback(i < 64 ? 2 : 3)));
        }
        await().atMost(EVENTUALLY).until(() -> table.size() == 100);
        Socket oldest = held.getFirst();
        try (StandardClient viewer = playingViewer()) {
            await().atMost(EVENTUALLY).until(() -> viewer.frames().size() >= 5);
            assertEquals(100, table.size());
            assertEquals(63, table.size(loopback(2)), "the oldest silent connection gave its place up");
            oldest.setSoTimeout(10_000);
            assertEquals(-1, oldest.getInputStream().read());
        }
    }
}
