package dev.rill.wire;

import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AFLNet / ProFuzzBench live555 corpus in {@code <sharedDir>/rtsp-seeds} (read in place, never
 * copied here): recorded requests decode; the crash PoCs and mutations of the seeds either decode
 * or fail with RtspParseException, never another exception and never without end.
 */
class RtspDecoderSeedsTest {

    /** Requests per recorded sequence, from the corpus README. */
    private static final Map<String, Integer> REQUESTS = Map.of(
            "rtsp_requests_aac.raw", 3, "rtsp_requests_ac3.raw", 3, "rtsp_requests_mkv.raw", 5,
            "rtsp_requests_mp3.raw", 4, "rtsp_requests_mpg.raw", 5, "rtsp_requests_wav.raw", 4,
            "rtsp_requests_webm.raw", 5);

    private static Path seeds() {
        String shared = System.getProperty("rill.sharedDir");
        assumeTrue(shared != null, "system property rill.sharedDir is not set (surefire sets it)");
        Path seeds = Path.of(shared, "rtsp-seeds");
        assumeTrue(Files.isDirectory(seeds), "no RTSP seed corpus at " + seeds);
        return seeds;
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> files = Files.list(seeds().resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static List<String> recorded() {
        return REQUESTS.keySet().stream().sorted().toList();
    }

    /** The messages of an AFLNet replay file: each after a 4-byte little-endian length. */
    private static List<byte[]> replayMessages(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> messages = new ArrayList<>();
        while (in.remaining() >= 4) {
            int length = in.getInt();
            byte[] message = new byte[Math.min(Math.max(length, 0), in.remaining())];
            in.get(message);
            messages.add(message);
        }
        return messages;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void decodesEveryRecordedRequestWithItsCseq(String name) throws IOException, RtspParseException {
        byte[] wire = Files.readAllBytes(seeds().resolve("in-rtsp").resolve(name));
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        decoder.feed(wire, 0, wire.length);
        List<RtspMessage> messages = WireText.drain(decoder);
        assertEquals(REQUESTS.get(name), messages.size());
        for (RtspMessage message : messages) {
            RtspRequest request = (RtspRequest) message;
            assertTrue(request.cseq().isPresent(), "CSeq in " + request);
            assertTrue(request.hasAbsoluteTarget());
        }
        assertEquals(0, decoder.buffered());
        assertEquals(messages, WireText.decodeByteAtATime(new RtspDecoder(RtspLimits.DEFAULT), wire));
    }

    @Test
    void recordedDirectoryHoldsTheSevenKnownFiles() throws IOException {
        assertEquals(recorded(), files("in-rtsp").stream().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void decodesEachReplayMessageIntoOneRequest(String name) throws IOException, RtspParseException {
        List<byte[]> messages = replayMessages(seeds().resolve("in-rtsp-replay").resolve(name));
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            decoder.feed(message, 0, message.length);
            joined.writeBytes(message);
            List<RtspMessage> decoded = WireText.drain(decoder);
            assertEquals(1, decoded.size());
            assertTrue(((RtspRequest) decoded.getFirst()).cseq().isPresent());
        }
        assertEquals(REQUESTS.get(name), messages.size());
        assertArrayEquals(Files.readAllBytes(seeds().resolve("in-rtsp").resolve(name)), joined.toByteArray());
    }

    /** Outcome of feeding one message to a fresh decoder and asking for everything it yields. */
    private static Optional<RtspParseException> decodeAlone(byte[] message) {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        try {
            decoder.feed(message, 0, message.length);
            WireText.drain(decoder);
            decoder.idle();
            WireText.drain(decoder);
            return Optional.empty();
        } catch (RtspParseException e) {
            assertTrue(e.status().code() >= 400 && e.status().code() < 600, "status " + e.status());
            return Optional.of(e);
        }
    }

    @Test
    void crashPocMessagesDecodeOrFailWithAParseError() throws IOException {
        List<Path> pocs = files("poc");
        assertFalse(pocs.isEmpty());
        for (Path poc : pocs) {
            for (byte[] message : replayMessages(poc)) {
                decodeAlone(message); // any exception but RtspParseException fails the test
            }
        }
    }

    @Test
    void crashPocMessagesFedLikeAConnectionDecodeOrFailWithAParseError() throws IOException {
        for (Path poc : files("poc")) {
            RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
            for (byte[] message : replayMessages(poc)) {
                try {
                    decoder.feed(message, 0, message.length);
                    WireText.drain(decoder);
                } catch (RtspParseException e) {
                    decoder = new RtspDecoder(RtspLimits.DEFAULT); // a server closes; the next connection starts clean
                }
            }
        }
    }

    @Test
    void runOfTwentyThousandBytesInCve2019_7314IsRejected() throws IOException {
        List<byte[]> messages = replayMessages(seeds().resolve("poc").resolve("CVE_2019_7314.poc"));
        assertEquals(2, messages.size());
        RtspParseException e = decodeAlone(messages.get(1)).orElseThrow();
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
    }

    /** Messages and final error of decoding {@code wire} fed in pieces of {@code chunk} bytes. */
    private static String outcome(byte[] wire, int chunk) {
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        List<RtspMessage> messages = new ArrayList<>();
        try {
            for (int fed = 0; fed < wire.length; fed += chunk) {
                decoder.feed(wire, fed, Math.min(chunk, wire.length - fed));
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    messages.add(m.get()); // bounded: each message consumes buffered bytes
                }
            }
            decoder.idle().ifPresent(messages::add);
            return messages + " ok, " + decoder.buffered() + " bytes left";
        } catch (RtspParseException e) {
            return messages + " " + e.status();
        }
    }

    @Test
    void mutatedSeedsDecodeTheSameWhetherFedWholeOrByteByByte() throws IOException {
        SplittableRandom random = new SplittableRandom(2326);
        byte[] noise = WireText.bytes("\r\n$: ;=-/\u0000\u00ffRTSP/1.0 CSeq Content-Length: 99");
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : files("in-rtsp")) {
            seeds.add(Files.readAllBytes(file));
        }
        for (int round = 0; round < 1000; round++) {
            byte[] wire = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(8);
            for (int m = 0; m < mutations; m++) {
                wire[random.nextInt(wire.length)] = random.nextBoolean()
                        ? (byte) random.nextInt(256) : noise[random.nextInt(noise.length)];
            }
            // Any exception but RtspParseException fails the test; so does a difference.
            assertEquals(outcome(wire, wire.length), outcome(wire, 1), () -> WireText.text(wire));
        }
    }
}
