package dev.rill.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the seed corpora of this module's fuzz tests into Jazzer's regression layout
 * ({@code src/test/resources/<package>/<Class>Inputs/<method>/}); the files are committed. Run it
 * again after changing it: {@code java -cp <test class path> dev.rill.server.FuzzSeedsWriter
 * server/src/test/resources}. Headers as ffmpeg, GStreamer, VLC and live555 send them.
 */
final class FuzzSeedsWriter {

    private FuzzSeedsWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path server = root.resolve("dev/rill/server");
        texts(server, "CredentialsFuzzTest", "parse", List.of(
                "Basic dXNlcjpzZWNyZXQ=",
                "basic   YWxpY2U6cMOkc3M6d29yZA==",
                "Basic !!notbase64",
                "Digest username=\"user\", realm=\"rill\", nonce=\"AAABi8vb0AASNFZ4mrze8BEiM0RVZneImaq7zN3u_wA\", "
                        + "uri=\"rtsp://127.0.0.1:8554/live\", response=\"6629fae49393a05397450978507c4ef1\"",
                "Digest username=\"user\", realm=\"rill\", nonce=\"AAABi8vb0AASNFZ4mrze8BEiM0RVZneImaq7zN3u_wA\", "
                        + "uri=\"rtsp://127.0.0.1:8554/live\", algorithm=SHA-256, qop=auth, nc=00000001, "
                        + "cnonce=\"0a4f113b\", response=\"" + "ab".repeat(32) + "\"",
                "Digest username=\"us\\\"er\", realm=\"ri\\\\ll\", nonce=\"x\", uri=\"*\", response=\"00\", opaque=\"\"",
                "Digest username=user,realm=rill,nonce=abc,uri=rtsp://h/a,response=zz,qop=auth-int,nc=zz",
                "Digest username=\"unterminated",
                "Bearer abc.def.ghi"));
        texts(server, "CredentialsFuzzTest", "roundTrip", List.of(
                "user\u0000secret\u0000realm\u0000rill", "a:b\"c\\d\u00e9\u00ff nonce q", "\u0000\u0000\u0000\u0000"));
        texts(server, "RequestTargetFuzzTest", "parse", List.of(
                "rtsp://127.0.0.1:8554/movie.Mjpeg", "rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0",
                "rtsp://127.0.0.1:8554/live/cam1/streamid=0", "rtsp://localhost/live/stream=0/", "movie.Mjpeg",
                "films/short.Mjpeg?x=1", "*", "rtsp://h/%2e%2e/etc/passwd", "rtsp://user:pw@h:554/live/cam?token=1#f",
                "rtsp://[::1]:8554/a%20b/%C3%A9t%C3%A9", "rtsp://h/a%00b", "rtsp://h/a%zz", "rtsp://h//a///",
                "RTSPS://H:322/x\\y", "rtsp://h/a/trackID=1//"));
        Path spi = root.resolve("dev/rill/spi");
        HexFormat hex = HexFormat.of();
        List<String> packets = List.of(
                // RFC 2435 JPEG: RTP header, main JPEG header, a few bytes of scan
                "801a000100015f9012345678" + "00000000015a1e0f" + "ffd8ffdb",
                "809a0002000176a012345678" + "00000400015a1e0f" + "d9d9",
                // padding, a CSRC, a header extension
                "a21a0003000000010000000a0000000b0000000c" + "0102030400000003",
                "901a0004000000010000000abede0001" + "11223344" + "aabb",
                "8060ffff0000000000000000");
        for (int i = 0; i < packets.size(); i++) {
            write(spi, "RtpPacketFuzzTest", "decode", String.format("seed-%02d", i), hex.parseHex(packets.get(i)));
        }
    }

    private static void texts(Path dir, String test, String method, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            write(dir, test, method, String.format("seed-%02d", i), values.get(i).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void write(Path dir, String test, String method, String name, byte[] content) throws IOException {
        Path to = Files.createDirectories(dir.resolve(test + "Inputs").resolve(method));
        Files.write(to.resolve(name), content);
    }
}
