package dev.rill.wire;

import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An RTSP fuzz corpus: recorded requests decode; the crash inputs and mutations of the seeds either
 * decode or fail with RtspParseException, never another exception and never without end. Each test
 * runs on the corpus {@link GeneratedSeeds} writes and, when present, on the AFLNet / ProFuzzBench
 * live555 corpus in {@code <sharedDir>/rtsp-seeds} (see {@link SeedCorpus}); the test names say which.
 */
class RtspDecoderSeedsTest {

    @TempDir
    static Path scratch;

    static List<SeedCorpus> corpora() throws IOException {
        return SeedCorpus.available(scratch);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Each recorded sequence of each corpus: (corpus, file name). */
    static Stream<Arguments> recorded() throws IOException {
        return corpora().stream().flatMap(corpus -> corpus.requests().keySet().stream().sorted()
                .map(name -> Arguments.of(corpus, name)));
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

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recorded")
    void decodesEveryRecordedRequestWithItsCseq(SeedCorpus corpus, String name) throws IOException, RtspParseException {
        byte[] wire = Files.readAllBytes(corpus.recorded(name));
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        decoder.feed(wire, 0, wire.length);
        List<RtspMessage> messages = WireText.drain(decoder);
        assertEquals(corpus.requests().get(name), messages.size());
        for (RtspMessage message : messages) {
            RtspRequest request = (RtspRequest) message;
            assertTrue(request.cseq().isPresent(), "CSeq in " + request);
            assertTrue(request.hasAbsoluteTarget());
        }
        assertEquals(0, decoder.buffered());
        assertEquals(messages, WireText.decodeByteAtATime(new RtspDecoder(RtspLimits.DEFAULT), wire));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void recordedDirectoryHoldsTheKnownFiles(SeedCorpus corpus) throws IOException {
        assertEquals(corpus.requests().keySet().stream().sorted().toList(),
                files(corpus.root().resolve("in-rtsp")).stream().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recorded")
    void decodesEachReplayMessageIntoOneRequest(SeedCorpus corpus, String name) throws IOException, RtspParseException {
        List<byte[]> messages = replayMessages(corpus.replay(name));
        RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            decoder.feed(message, 0, message.length);
            joined.writeBytes(message);
            List<RtspMessage> decoded = WireText.drain(decoder);
            assertEquals(1, decoded.size());
            assertTrue(((RtspRequest) decoded.getFirst()).cseq().isPresent());
        }
        assertEquals(corpus.requests().get(name), messages.size());
        assertArrayEquals(Files.readAllBytes(corpus.recorded(name)), joined.toByteArray());
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void crashPocMessagesDecodeOrFailWithAParseError(SeedCorpus corpus) throws IOException {
        List<Path> pocs = files(corpus.root().resolve("poc"));
        assertFalse(pocs.isEmpty());
        for (Path poc : pocs) {
            for (byte[] message : replayMessages(poc)) {
                decodeAlone(message); // any exception but RtspParseException fails the test
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void crashPocMessagesFedLikeAConnectionDecodeOrFailWithAParseError(SeedCorpus corpus) throws IOException {
        for (Path poc : files(corpus.root().resolve("poc"))) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void runOfTwentyThousandBytesInCve2019_7314IsRejected(SeedCorpus corpus) throws IOException {
        List<byte[]> messages = replayMessages(corpus.poc("CVE_2019_7314.poc"));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void mutatedSeedsDecodeTheSameWhetherFedWholeOrByteByByte(SeedCorpus corpus) throws IOException {
        SplittableRandom random = new SplittableRandom(2326);
        byte[] noise = WireText.bytes("\r\n$: ;=-/\u0000\u00ffRTSP/1.0 CSeq Content-Length: 99");
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : files(corpus.root().resolve("in-rtsp"))) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void crashPocsDecodeTheSameWhetherFedWholeOrByteByByte(SeedCorpus corpus) throws IOException {
        for (Path poc : files(corpus.root().resolve("poc"))) {
            ByteArrayOutputStream connection = new ByteArrayOutputStream();
            replayMessages(poc).forEach(connection::writeBytes);
            byte[] wire = connection.toByteArray();
            assertEquals(outcome(wire, wire.length), outcome(wire, 1), poc::toString);
        }
    }
}
