package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtpPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The course's clients, as they behave on the wire, against a real server over loopback. */
class ClassicDialectTest {

    private static final Pattern CLASSIC_OK = Pattern.compile("RTSP/1\\.0 200 OK\r\nCSeq: (\\d+)\r\nSession: ([1-9]\\d{0,9})\r\n");

    @TempDir
    Path dir;
    TestServer server;
    List<byte[]> frames;

    @BeforeEach
    void start() throws Exception {
        frames = TestMedia.frames(30, 96, 64);
        server = TestServer.start(dir, "");
        TestMedia.writeMjpeg(server.media().resolve("clip.Mjpeg"), frames);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ClassicClient.Style.class)
    void repliesAreExactlyTheThreeCourseLinesWithNoBlankLine(ClassicClient.Style style) throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), style)) {
            String reply = client.setup("clip.Mjpeg");
            var m = CLASSIC_OK.matcher(reply);
            assertTrue(m.matches(), "reply was: " + reply);
            assertEquals("1", m.group(1));
            assertTrue(Long.parseLong(m.group(2)) < (1L << 31), "session id must fit Integer.parseInt");
            assertTrue(client.nothingMoreWithin(300), "nothing may follow the three lines");
        }
    }

    @ParameterizedTest
    @EnumSource(ClassicClient.Style.class)
    void playsTheWholeFileOneWholeJpegPerDatagramInOrder(ClassicClient.Style style) throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), style)) {
            client.setup("clip.Mjpeg");
            assertTrue(CLASSIC_OK.matcher(client.play("clip.Mjpeg")).matches());
            await().atMost(Duration.ofSeconds(30)).until(() -> client.packets().size() >= frames.size());
            List<RtpPacket> packets = client.packets();
            assertEquals(frames.size(), packets.size());
            for (int i = 0; i < frames.size(); i++) {
                RtpPacket p = packets.get(i);
                assertEquals(26, p.payloadType());
                assertFalse(p.marker());
                assertEquals(i + 1, p.sequenceNumber(), "sequence number is the frame number");
                assertArrayEquals(frames.get(i), p.payload(), "frame " + (i + 1) + " must be the file's bytes");
            }
        }
    }

    @Test
    void pauseStopsPacketsAndPlayResumesAtTheNextFrame() throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.JAVA)) {
            client.setup("clip.Mjpeg");
            client.play("clip.Mjpeg");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.packets().size() >= 5);
            assertTrue(CLASSIC_OK.matcher(client.pause("clip.Mjpeg")).matches());
            int afterPause = client.packets().size();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.packets().size() == afterPause);
            client.play("clip.Mjpeg");
            await().atMost(Duration.ofSeconds(30)).until(() -> client.packets().size() >= frames.size());
            List<RtpPacket> packets = new ArrayList<>(client.packets());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i + 1, packets.get(i).sequenceNumber(), "no frame skipped or repeated across PAUSE");
                assertArrayEquals(frames.get(i), packets.get(i).payload());
            }
        }
    }

    @Test
    void teardownFreesTheSessionAndStopsPackets() throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.PYTHON)) {
            client.setup("clip.Mjpeg");
            client.play("clip.Mjpeg");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.packets().size() >= 2);
            assertEquals(1, server.server.sessionCount());
            assertTrue(CLASSIC_OK.matcher(client.teardown("clip.Mjpeg")).matches());
            assertEquals(0, server.server.sessionCount());
            int afterTeardown = client.packets().size();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.packets().size() == afterTeardown);
        }
    }

    @Test
    void closingTheConnectionEndsItsClassicSession() throws Exception {
        ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.JAVA);
        client.setup("clip.Mjpeg");
        client.play("clip.Mjpeg");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 1);
        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server.sessionCount() == 0);
    }

    @Test
    void fiftyClassicClientsAtOnceEachReceiveEveryFrame() throws Exception {
        List<ClassicClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                ClassicClient c = new ClassicClient(server.port(), i % 2 == 0 ? ClassicClient.Style.JAVA : ClassicClient.Style.PYTHON);
                clients.add(c);
                c.setup("clip.Mjpeg");
            }
            for (ClassicClient c : clients) {
                c.play("clip.Mjpeg");
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> clients.stream().allMatch(c -> c.packets().size() >= frames.size()));
            for (ClassicClient c : clients) {
                for (int i = 0; i < frames.size(); i++) {
                    assertArrayEquals(frames.get(i), c.packets().get(i).payload());
                }
            }
        } finally {
            for (ClassicClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void errorRepliesKeepTheThreeLinesForThePythonClient() throws Exception {
        try (ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.PYTHON)) {
            String reply = client.setup("missing.Mjpeg");
            assertTrue(reply.matches("RTSP/1\\.0 404 [^\r\n]*\r\nCSeq: 1\r\nSession: 0\r\n"), reply);
        }
    }
}
