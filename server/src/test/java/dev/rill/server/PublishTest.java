package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtspResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code publish} mount against a scripted publisher ({@link TestPublisher}) and real viewers:
 * frames pass through with the publisher's timing, one publisher at a time, viewers told BYE
 * when it leaves by any way, and whatever a publisher sends wrong refused or dropped with the
 * mount still working.
 */
class PublishTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** RTP ticks between the publisher's frames: 25, 12.5 and 50 frames a second mixed. */
    private static final long[] STEPS = {3600, 7200, 3600, 1800, 3600};

    static List<byte[]> frames;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void makeFrames() throws Exception {
        frames = TestMedia.frames(40, 320, 240);
    }

    @BeforeEach
    void start() throws Exception {
        Path media = dir.resolve("media");
        Files.createDirectories(media);
        TestMedia.writeMjpeg(media.resolve("clip.Mjpeg"), frames.subList(0, 10));
        server = TestServer.start(dir, "\"sessionTimeoutSeconds\": 5, \"mounts\": [ { \"path\": \"/live\", "
                + "\"source\": { \"type\": \"publish\" } } ]");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestPublisher recording(boolean tcp) throws Exception {
        TestPublisher p = new TestPublisher(server.port(), "/live");
        assertEquals(200, p.announce().status().code());
        assertEquals(200, (tcp ? p.setupTcp() : p.setupUdp()).status().code());
        assertEquals(200, p.record().status().code());
        return p;
    }

    private StandardClient playing() throws Exception {
        StandardClient viewer = new StandardClient(server.port(), "/live");
        assertEquals(200, viewer.request("DESCRIBE", viewer.url(), "Accept: application/sdp").status().code());
        assertEquals(200, viewer.setupUdp().status().code());
        assertEquals(200, viewer.request("PLAY", viewer.url()).status().code());
        return viewer;
    }

    /** Publishes frames one after the other until {@code done} says stop (bounded by the frames at hand, looped 5 times). */
    private static long publishUntil(TestPublisher p, long timestamp, java.util.function.BooleanSupplier done) throws Exception {
        for (int i = 0; i < frames.size() * 5 && !done.getAsBoolean(); i++) {
            p.send(frames.get(i % frames.size()), timestamp);
            timestamp += STEPS[i % STEPS.length];
            Thread.sleep(20);
        }
        return timestamp;
    }

    @Test
    void viewersGet404SayingNobodyPublishesUntilSomebodyDoes() throws Exception {
        try (RawRtsp raw = new RawRtsp(server.port())) {
            String url = "rtsp://127.0.0.1:" + server.port() + "/live";
            RtspResponse describe = raw.exchange("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertEquals(404, describe.status().code());
            assertTrue(describe.status().reason().contains("nobody is publishing to /live"), describe.status().reason());
            RtspResponse setup = raw.exchange("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 2\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n");
            assertEquals(404, setup.status().code());
            try (TestPublisher p = recording(true)) {
                assertTrue(p.session() != null, "the publisher has its session");
                assertEquals(200, raw.exchange("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 3\r\n\r\n").status().code());
            }
        }
    }

    @ParameterizedTest(name = "publisher over {0}")
    @ValueSource(strings = {"tcp", "udp"})
    void framesReachViewersWholeWithThePublishersIntervals(String transport) throws Exception {
        try (TestPublisher p = recording(transport.equals("tcp")); StandardClient viewer = playing()) {
            publishUntil(p, 1000, () -> viewer.frames().size() >= 12);
            await().atMost(WAIT).until(() -> viewer.frames().size() >= 12);
            List<ReceivedFrame> got = new ArrayList<>(viewer.frames());
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(got.get(0).data()));
            assertEquals(320, picture.getWidth());
            assertEquals(240, picture.getHeight());
            // Every step between frames the viewer got is a sum of the publisher's steps, in its
            // order: variable frame rate passes through.
            java.util.Set<Long> steps = new java.util.TreeSet<>();
            for (int i = 1; i < got.size(); i++) {
                long step = (got.get(i).timestamp() - got.get(i - 1).timestamp()) & 0xFFFFFFFFL;
                assertTrue(step % 1800 == 0 && step > 0 && step <= 7200 * 3, "step " + step + " at " + i);
                steps.add(step);
            }
            assertTrue(steps.size() > 1, "the steps vary as the publisher's do: " + steps);
        }
    }

    @Test
    void aSecondPublisherGets455AndTheFirstKeepsTheMount() throws Exception {
        try (TestPublisher first = recording(true); TestPublisher second = new TestPublisher(server.port(), "/live")) {
            RtspResponse r = second.announce();
            assertEquals(455, r.status().code());
            assertTrue(r.status().reason().contains("already has a publisher"), r.status().reason());
            try (StandardClient viewer = playing()) {
                publishUntil(first, 0, () -> viewer.frames().size() >= 3);
                await().atMost(WAIT).until(() -> viewer.frames().size() >= 3);
            }
        }
    }

    @ParameterizedTest(name = "publisher leaves by {0}")
    @ValueSource(strings = {"TEARDOWN", "closing its connection", "falling silent"})
    void viewersGetByeWhenThePublisherLeavesAndTheNextOneIsServed(String how) throws Exception {
        StandardClient viewer;
        TestPublisher p = recording(true);
        viewer = playing();
        try {
            publishUntil(p, 0, () -> viewer.frames().size() >= 3);
            await().atMost(WAIT).until(() -> viewer.frames().size() >= 3);
            switch (how) {
                case "TEARDOWN" -> assertEquals(200, p.teardown().status().code());
                case "closing its connection" -> p.close();
                default -> { } // sends nothing more: the 5 s session timeout ends it
            }
            await().atMost(WAIT).until(() -> viewer.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye));
            try (RawRtsp raw = new RawRtsp(server.port())) {
                await().atMost(WAIT).until(() -> raw.exchange("DESCRIBE rtsp://127.0.0.1:" + server.port()
                        + "/live RTSP/1.0\r\nCSeq: 1\r\n\r\n").status().code() == 404);
            }
        } finally {
            p.close();
            viewer.close();
        }
        try (TestPublisher next = recording(false); StandardClient again = playing()) {
            publishUntil(next, 0, () -> again.frames().size() >= 3);
            await().atMost(WAIT).until(() -> again.frames().size() >= 3);
        }
    }

    @Test
    void theCourseClientWatchesALiveMountOneWholeJpegPerDatagram() throws Exception {
        try (TestPublisher p = recording(true); ClassicClient client = new ClassicClient(server.port(), ClassicClient.Style.JAVA,
                server.server.rtpPort())) {
            assertTrue(client.setup("live").startsWith("RTSP/1.0 200"));
            assertTrue(client.play("live").startsWith("RTSP/1.0 200"));
            publishUntil(p, 0, () -> client.packets().size() >= 3);
            await().atMost(WAIT).until(() -> client.packets().size() >= 3);
            RtpPacket first = client.packets().get(0);
            byte[] jpeg = first.payload();
            assertEquals(0xFF, jpeg[0] & 0xFF);
            assertEquals(0xD8, jpeg[1] & 0xFF);
            assertEquals(320, ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth());
        }
    }

    @ParameterizedTest(name = "publisher over {0}")
    @ValueSource(strings = {"tcp", "udp"})
    void garbageAndBrokenFramesAreDroppedAndTheStreamGoesOn(String transport) throws Exception {
        try (TestPublisher p = recording(transport.equals("tcp")); StandardClient viewer = playing()) {
            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                p.sendPacket(junk);
            }
            // Another payload type, and a frame whose last packet never comes.
            p.sendPacket(new RtpPacket(true, 96, 1, 0, 0x1234, new byte[100]).encode());
            List<byte[]> partial = p.packets(frames.get(0), 500);
            partial.subList(0, partial.size() - 1).forEach(b -> {
                try {
                    p.sendPacket(b);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            publishUntil(p, 10_000, () -> viewer.frames().size() >= 5);
            await().atMost(WAIT).until(() -> viewer.frames().size() >= 5);
            for (ReceivedFrame f : viewer.frames()) {
                assertEquals(320, ImageIO.read(new ByteArrayInputStream(f.data())).getWidth());
            }
            // The publisher is still the publisher: its session answers.
            assertEquals(200, p.request("GET_PARAMETER", "rtsp://127.0.0.1:" + server.port() + "/live").status().code());
        }
    }

    @Test
    void wrongAnnouncesAndOutOfOrderStepsGetClearAnswers() throws Exception {
        String live = "rtsp://127.0.0.1:" + server.port() + "/live";
        try (TestPublisher p = new TestPublisher(server.port(), "/live")) {
            assertEquals(454, p.record().status().code(), "RECORD with no session");
            RtspResponse early = p.setupTcp();
            assertEquals(455, early.status().code());
            assertTrue(early.status().reason().contains("ANNOUNCE"), early.status().reason());
            RtspResponse noVideo = p.announce("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");
            assertEquals(415, noVideo.status().code());
            assertTrue(noVideo.status().reason().contains("no video"), noVideo.status().reason());
            RtspResponse h264 = p.announce("v=0\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");
            assertEquals(415, h264.status().code());
            assertTrue(h264.status().reason().contains("JPEG/90000"), h264.status().reason());
            assertEquals(415, p.requestWithBody("ANNOUNCE", live, "hello", "Content-Type: text/plain").status().code());
        }
        try (TestPublisher toFile = new TestPublisher(server.port(), "/clip.Mjpeg");
             TestPublisher nowhere = new TestPublisher(server.port(), "/nothing")) {
            RtspResponse r = toFile.announce();
            assertEquals(405, r.status().code());
            assertTrue(r.headers().first("Allow").orElse("").contains("PLAY"));
            assertEquals(404, nowhere.announce().status().code());
        }
        try (TestPublisher p = recording(true)) {
            assertEquals(455, p.request("PLAY", live).status().code());
            assertEquals(459, p.setupTcp().status().code());
            try (RawRtsp stranger = new RawRtsp(server.port())) {
                RtspResponse hijack = stranger.exchange("RECORD " + live + " RTSP/1.0\r\nCSeq: 1\r\nSession: " + p.session()
                        + "\r\n\r\n");
                assertEquals(454, hijack.status().code(), "a publisher's session answers only on its own connection");
            }
        }
    }

    @Test
    void aPublishedStreamIsRecordedWithThePublishersTiming() throws Exception {
        Path recorded = dir.resolve("recorder");
        try (TestServer recording = TestServer.start(recorded, "\"mounts\": [ { \"path\": \"/live\", "
                + "\"source\": { \"type\": \"publish\" }, \"record\": { \"directory\": \"media/rec\", "
                + "\"segmentSeconds\": 1, \"keepSegments\": 5 } } ]");
             TestPublisher p = new TestPublisher(recording.port(), "/live")) {
            assertEquals(200, p.announce().status().code());
            assertEquals(200, p.setupTcp().status().code());
            assertEquals(200, p.record().status().code());
            Path rec = recorded.resolve("media/rec");
            java.util.function.BooleanSupplier finished = () -> {
                try (var files = Files.list(rec)) {
                    return files.anyMatch(f -> f.getFileName().toString().endsWith(".Mjpeg.times"));
                } catch (java.io.IOException e) {
                    return false;
                }
            };
            publishUntil(p, 0, finished);
            await().atMost(WAIT).until(finished::getAsBoolean);
            Path times;
            try (var files = Files.list(rec)) {
                times = files.filter(f -> f.getFileName().toString().endsWith(".Mjpeg.times")).findFirst().orElseThrow();
            }
            List<Long> nanos = Files.readAllLines(times).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(Long::parseLong).toList();
            assertTrue(nanos.size() >= 3, "frames recorded: " + nanos.size());
            for (int i = 1; i < nanos.size(); i++) {
                long step = nanos.get(i) - nanos.get(i - 1);
                assertEquals(0, step % 20_000_000L, "each step a sum of the publisher's 20/40/80 ms steps: " + step);
            }
            assertTrue(Files.isRegularFile(Path.of(times.toString().replace(".times", ""))));
        }
    }

    @Test
    void optionsListsAnnounceAndRecord() throws Exception {
        try (RawRtsp raw = new RawRtsp(server.port())) {
            String methods = raw.exchange("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n").headers().first("Public").orElse("");
            assertTrue(Arrays.asList(methods.split(",\\s*")).containsAll(List.of("ANNOUNCE", "RECORD")), methods);
        }
    }
}
