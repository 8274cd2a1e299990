package dev.rill.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An RTSP request corpus made here, so that a clone without {@code ../shared/rtsp-seeds} runs the
 * seed tests. It is written in the layout of AFLNet's live555 seeds (that directory's README):
 * <ul>
 *   <li>{@code in-rtsp/*.raw}: request sequences in the seeds' form (DESCRIBE, a SETUP per track with
 *   {@code RTP/AVP;unicast;client_port=}, PLAY with {@code Range: npt=0.000-}, maybe TEARDOWN; CSeq
 *   from 2, live555's User-Agent, the fixed session id {@code 000022B8}, the live555 test server's
 *   {@code 127.0.0.1:8554}), CRLF line ends, back to back; and one sequence that uses every method
 *   of the seeds' dictionary, RTP over TCP and bodies;
 *   <li>{@code in-rtsp-replay/*.raw}: the same messages, each after a 4-byte little-endian length;
 *   <li>{@code poc/*.poc}, replay format: two inputs in the shape of the crash PoCs, under their
 *   names, and deterministic mutations of the sequences (truncations, bit flips, duplicated and
 *   oversized fields, wrong line ends, binary junk, interleaved {@code $} frames, bad
 *   Content-Length values).
 * </ul>
 * The same bytes on every run. Published in this module's test jar: the server's hostile-input
 * tests send the same corpus to a running server.
 */
public final class GeneratedSeeds {

    /** The live555 test server the seeds were recorded against. */
    static final String HOST = "127.0.0.1:8554";
    static final String SESSION = "000022B8";
    private static final String USER_AGENT = "User-Agent: ./testRTSPClient (LIVE555 Streaming Media v2018.08.28)";

    private GeneratedSeeds() {
    }

    /** The recorded sequences by file name, each a list of whole requests. */
    static Map<String, List<String>> sequences() {
        Map<String, List<String>> sequences = new LinkedHashMap<>();
        sequences.put("rtsp_requests_clip_play.raw", playback("clip.Mjpeg", 1, false, 38_784));
        sequences.put("rtsp_requests_clip_teardown.raw", playback("clip.Mjpeg", 1, true, 43_712));
        sequences.put("rtsp_requests_every_method.raw", everyMethod("sample.Mjpeg"));
        sequences.put("rtsp_requests_folder_two_tracks.raw", playback("films/short.Mjpeg", 2, true, 50_778));
        sequences.put("rtsp_requests_movie_play.raw", playback("movie.Mjpeg", 1, false, 33_900));
        sequences.put("rtsp_requests_movie_teardown.raw", playback("movie.Mjpeg", 1, true, 37_952));
        sequences.put("rtsp_requests_movie_two_tracks.raw", playback("movie.Mjpeg", 2, true, 37_216));
        return sequences;
    }

    /** The hostile inputs by file name, each a list of messages as a connection would send them. */
    static Map<String, List<byte[]>> hostile() {
        Map<String, List<byte[]>> inputs = new LinkedHashMap<>();
        inputs.put("CVE_2019_15232.poc", likeCve2019_15232());
        inputs.put("CVE_2019_7314.poc", likeCve2019_7314());
        inputs.put("bad-content-length.poc", badContentLength());
        inputs.put("bit-flips.poc", bitFlips());
        inputs.put("duplicated-fields.poc", duplicatedFields());
        inputs.put("interleaved-frames.poc", interleavedFrames());
        inputs.put("junk.poc", junk());
        inputs.put("line-ends.poc", lineEnds());
        inputs.put("oversized.poc", oversized());
        inputs.put("truncated.poc", truncated());
        return inputs;
    }

    /** Writes the corpus under {@code root} (created if need be) and returns {@code root}. */
    public static Path write(Path root) throws IOException {
        Path recorded = Files.createDirectories(root.resolve("in-rtsp"));
        Path replay = Files.createDirectories(root.resolve("in-rtsp-replay"));
        Path poc = Files.createDirectories(root.resolve("poc"));
        for (Map.Entry<String, List<String>> sequence : sequences().entrySet()) {
            List<byte[]> messages = sequence.getValue().stream().map(GeneratedSeeds::bytes).toList();
            Files.write(recorded.resolve(sequence.getKey()), bytes(String.join("", sequence.getValue())));
            Files.write(replay.resolve(sequence.getKey()), replayFormat(messages));
        }
        for (Map.Entry<String, List<byte[]>> input : hostile().entrySet()) {
            Files.write(poc.resolve(input.getKey()), replayFormat(input.getValue()));
        }
        return root;
    }

    /** AFLNet's replay format: each message after its length, 4 bytes little-endian. */
    static byte[] replayFormat(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(message.length).array());
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    // The well-formed sequences.

    /** As live555's testRTSPClient plays a stream: DESCRIBE, a SETUP per track, PLAY, maybe TEARDOWN. */
    private static List<String> playback(String stream, int tracks, boolean teardown, int firstClientPort) {
        String url = "rtsp://" + HOST + "/" + stream;
        List<String> requests = new ArrayList<>();
        int cseq = 2;
        requests.add(request("DESCRIBE " + url, cseq++, "Accept: application/sdp"));
        for (int track = 1; track <= tracks; track++) {
            int port = firstClientPort + 2 * (track - 1);
            String transport = "Transport: RTP/AVP;unicast;client_port=" + port + "-" + (port + 1);
            requests.add(track == 1 ? request("SETUP " + url + "/track1", cseq++, transport)
                    : request("SETUP " + url + "/track" + track, cseq++, transport, "Session: " + SESSION));
        }
        requests.add(request("PLAY " + url + "/", cseq++, "Session: " + SESSION, "Range: npt=0.000-"));
        if (teardown) {
            requests.add(request("TEARDOWN " + url + "/", cseq, "Session: " + SESSION));
        }
        return requests;
    }

    /** Every method of the seeds' dictionary, RTP over TCP, and two requests with a body (never the last). */
    private static List<String> everyMethod(String stream) {
        String url = "rtsp://" + HOST + "/" + stream;
        String session = "Session: " + SESSION;
        return List.of(
                request("OPTIONS " + url, 2),
                request("DESCRIBE " + url, 3, "Accept: application/sdp"),
                request("SETUP " + url + "/track1", 4, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"),
                request("PLAY " + url + "/", 5, session, "Range: npt=9-"),
                request("PAUSE " + url + "/", 6, session),
                withBody("GET_PARAMETER " + url + "/", 7, "position", session),
                withBody("SET_PARAMETER " + url + "/", 8, "volume: 9", session),
                request("PLAY " + url + "/", 9, session, "Range: npt=0.000-"),
                request("TEARDOWN " + url + "/", 10, session));
    }

    private static String request(String methodAndUrl, int cseq, String... fields) {
        StringBuilder text = new StringBuilder(methodAndUrl).append(" RTSP/1.0\r\nCSeq: ").append(cseq).append("\r\n")
                .append(USER_AGENT).append("\r\n");
        for (String field : fields) {
            text.append(field).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    private static String withBody(String methodAndUrl, int cseq, String body, String... fields) {
        String head = request(methodAndUrl, cseq, fields);
        return head.substring(0, head.length() - 2) + "Content-Type: text/parameters\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
    }

    // The crash PoCs' shapes.

    /**
     * CVE-2019-7314 (live555 use-after-free tearing down RTP over TCP): a SETUP for
     * {@code RTP/AVP/TCP} to a URL without host, its lines ended by a literal {@code ^M} and LF,
     * bare LF and CRLF; then 20,000 bytes of 'A' and no end of head.
     */
    private static List<byte[]> likeCve2019_7314() {
        return List.of(
                bytes("SETUP rtsp://:1/movie.Mjpeg/track1 RTSP/1.0^M\nCSeq: 3^M\nTransport: RTP/AVP/TCP;\nRange: npt=9\r\n\r\n"),
                bytes("A".repeat(20_000)));
    }

    /**
     * CVE-2019-15232 (live555 use-after-free when one session id comes twice in succession): a
     * two-track sequence after AFL's havoc (a method and URL overwritten, a CR left inside a line,
     * high bytes for separators, fields spliced into others, a PLAY that runs into a TEARDOWN), a
     * SETUP repeated, then SETUP, PLAY, TEARDOWN of another stream under the same fixed session id.
     */
    private static List<byte[]> likeCve2019_15232() {
        List<String> two = playback("movie.Mjpeg", 2, true, 50_494);
        String describe = two.get(0);
        String setup1 = two.get(1);
        String setup2 = two.get(2);
        String play = two.get(3);
        String teardown = two.get(4);
        List<String> other = playback("films/short.Mjpeg", 1, true, 43_712);
        List<String> messages = List.of(
                once(once(once(describe.substring(0, indexOf(describe, "RTSP/1.0\r") + 9) + after(describe, "t: ./"),
                        "DESCRIBE", "D&UCRIBE"), "rtsp://", "rtsp:M/"), "Client (", "Clien\u00ff\u00ff("),
                once(once(setup1, " RTSP/1.0", "\u00ccRTSP/1.0"), "unicast", "unicasj"),
                before(setup2, "Media") + after(play, "npt=").stripTrailing() + "\r\n"
                        + after(setup2, "Transport").substring(2),
                before(play, "Range") + "Ran" + "i".repeat(18) + "TE\u00ffRDOWN"
                        + once(after(teardown, " rtsp://"), "RTSP/1.0", "PTSP/1.0"),
                withoutField(setup2, "Transport"),
                once(once(before(play, "//") + USER_AGENT.substring(40, 62) + after(play, "/ RTSP"),
                        "User-Agent", "Used-Agent"), "Range", "Dange"),
                other.get(1),
                other.get(2),
                other.get(3));
        return messages.stream().map(GeneratedSeeds::bytes).toList();
    }

    // Mutations.

    private static List<byte[]> truncated() {
        String setup = playback("movie.Mjpeg", 1, false, 40_000).get(1);
        int afterCseq = indexOf(setup, "CSeq: 3\r\n") + 9;
        List<byte[]> cuts = new ArrayList<>();
        for (int at : new int[] {3, 12, afterCseq - 5, afterCseq, setup.length() - 3, setup.length() - 1}) {
            cuts.add(bytes(setup.substring(0, at)));
        }
        return cuts;
    }

    /** AFL's bit flips: one to three bits in each of a dozen well-formed requests. */
    private static List<byte[]> bitFlips() {
        List<String> requests = sequences().values().stream().flatMap(List::stream).toList();
        SplittableRandom random = new SplittableRandom(15_232);
        List<byte[]> flipped = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] message = bytes(requests.get(random.nextInt(requests.size())));
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
            }
            flipped.add(message);
        }
        return flipped;
    }

    private static List<byte[]> duplicatedFields() {
        List<String> movie = playback("movie.Mjpeg", 1, true, 40_000);
        String setup = movie.get(1);
        String play = movie.get(2);
        String accepts = "Accept: application/sdp\r\n";
        return bytes(
                once(setup, "CSeq: 3\r\n", "CSeq: 3\r\nCSeq: 3\r\n"),
                once(setup, "CSeq: 3\r\n", "CSeq: 3\r\nCSeq: 4\r\n"),
                once(setup, "Transport", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nTransport"),
                once(play, "Session: " + SESSION, "Session: " + SESSION + "\r\nSession: 00000001"),
                once(withBody("SET_PARAMETER rtsp://" + HOST + "/movie.Mjpeg/", 5, "abcd"), "Content-Length: 4",
                        "Content-Length: 4\r\nContent-Length: 10"),
                once(movie.get(0), accepts, accepts.repeat(62)),
                once(movie.get(0), accepts, accepts.repeat(63)));
    }

    /** Past each limit of {@link RtspLimits#DEFAULT}, and numbers past an int. */
    private static List<byte[]> oversized() {
        List<String> movie = playback("movie.Mjpeg", 1, true, 40_000);
        String describe = movie.get(0);
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            fields.append("X-Field-").append(i).append(": v\r\n");
        }
        return bytes(
                once(describe, "movie.Mjpeg", "movie.Mjpeg/" + "a".repeat(5_000)),
                once(describe, "Accept", "X-Long: " + "v".repeat(9_000) + "\r\nAccept"),
                once(describe, "Accept", fields + "Accept"),
                once(describe, "Accept", "Content-Length: 70000\r\nAccept"),
                once(describe, "Accept", "Content-Length: 99999999999999999999\r\nAccept"),
                once(describe, "CSeq: 2", "CSeq: 99999999999999999999"),
                "DESCRIBE".repeat(5) + " rtsp://" + HOST + "/movie.Mjpeg RTSP/1.0\r\nCSeq: 2\r\n\r\n");
    }

    private static List<byte[]> lineEnds() {
        List<String> movie = playback("movie.Mjpeg", 1, true, 40_000);
        String describe = movie.get(0);
        return bytes(
                describe.replace("\r\n", "\n"),
                describe.replace("\r\n", "\r"),
                describe.replace("\r\n", "\n\r"),
                describe.replace("\r\n", "^M\n"),
                once(describe, "\r\n", "\r\r\n"),
                "\r\n\r\n\n" + describe,
                once(describe, "Accept: application/sdp\r\n", "Accept: application/sdp,\r\n application/x-rtsp\r\n"),
                "SETUP movie.Mjpeg RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= 25000",
                "SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nTransport: RTP/UDP; client_port= 25000\n");
    }

    private static List<byte[]> junk() {
        SplittableRandom random = new SplittableRandom(7_314);
        List<byte[]> junk = new ArrayList<>();
        for (int size : new int[] {17, 600, 3_000}) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            junk.add(b);
        }
        byte[] printable = new byte[5_000];
        for (int i = 0; i < printable.length; i++) {
            printable[i] = (byte) (' ' + random.nextInt(95));
        }
        junk.add(printable);
        junk.add(new byte[1_000]);
        junk.add("DESCRIBE rtsp://127.0.0.1:8554/film\u00e9.Mjpeg RTSP/1.0\r\nCSeq: 2\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        junk.add(bytes("DESCRIBE rtsp://127.0.0.1:8554/movie.Mjpeg RTSP/1.0\r\nCSeq: 2\r\n\u0000\u00ff: \u0001\r\n\r\n"));
        return junk;
    }

    /** RTP or RTCP over the RTSP connection (RFC 2326 §10.12): whole, cut, empty, and among requests. */
    private static List<byte[]> interleavedFrames() {
        String options = "OPTIONS rtsp://" + HOST + "/movie.Mjpeg RTSP/1.0\r\nCSeq: 2\r\n\r\n";
        return bytes(
                "$\u0000\u0000\u0004abcd" + options,
                "$\u0001\u00ff\u00ff" + "0123456789",
                "$",
                "$\u0000\u0000\u0000" + options,
                "$\u00ff\u0000\u0028" + options.substring(0, 40),
                options + "$\u0001\u0000\u0002\u0080\u00c8" + options,
                "$\u0000\u0000\u0004ab");
    }

    private static List<byte[]> badContentLength() {
        String url = "rtsp://" + HOST + "/movie.Mjpeg/";
        String setParameter = withBody("SET_PARAMETER " + url, 5, "abcd");
        return bytes(
                once(setParameter, "Content-Length: 4", "Content-Length: 10"),
                once(setParameter, "Content-Length: 4", "Content-Length: -1"),
                once(setParameter, "Content-Length: 4", "Content-Length: 4x"),
                once(setParameter, "Content-Length: 4", "Content-Length:"),
                once(setParameter, "Content-Length: 4", "Content-Length: 0"),
                once(setParameter, "Content-Length: 4", "Content-Length: +4"));
    }

    // Text operations. Messages are ISO-8859-1: one char per byte.

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> bytes(String... texts) {
        return Arrays.stream(texts).map(GeneratedSeeds::bytes).toList();
    }

    /** {@code text} with the first {@code target} replaced. */
    private static String once(String text, String target, String replacement) {
        int at = indexOf(text, target);
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    /** {@code text} up to the first {@code mark}. */
    private static String before(String text, String mark) {
        return text.substring(0, indexOf(text, mark));
    }

    /** {@code text} from the first {@code mark} on. */
    private static String after(String text, String mark) {
        return text.substring(indexOf(text, mark));
    }

    private static int indexOf(String text, String mark) {
        int at = text.indexOf(mark);
        if (at < 0) {
            throw new IllegalArgumentException("no '" + mark + "' in " + text);
        }
        return at;
    }

    private static String withoutField(String request, String name) {
        int start = indexOf(request, "\r\n" + name + ":") + 2;
        return request.substring(0, start) + request.substring(request.indexOf("\r\n", start) + 2);
    }
}
