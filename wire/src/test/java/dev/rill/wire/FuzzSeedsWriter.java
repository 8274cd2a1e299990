package dev.rill.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the seed corpora of this module's fuzz tests into Jazzer's regression layout,
 * {@code src/test/resources/dev/rill/wire/<Class>Inputs/<method>/<name>}. The files are committed;
 * run this again after changing it: {@code java -cp <test class path> dev.rill.wire.FuzzSeedsWriter
 * wire/src/test/resources}. Inputs look like what ffmpeg, GStreamer, VLC and live555 send and
 * answer, plus the hostile inputs of {@link GeneratedSeeds}.
 */
final class FuzzSeedsWriter {

    private static final int MAX_CHUNKED_SEED = 4096;

    private final Path root;

    private FuzzSeedsWriter(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        FuzzSeedsWriter w = new FuzzSeedsWriter(Path.of(args[0]).resolve("dev/rill/wire"));
        w.decoder();
        w.texts("TransportFuzzTest", "parseRequest", List.of(
                "RTP/AVP;unicast;client_port=4588-4589",
                "RTP/AVP/TCP;unicast;interleaved=0-1",
                "RTP/AVP/UDP;unicast;client_port=50000-50001;mode=record",
                "RTP/AVP/TCP;unicast;interleaved=0-1;mode=record",
                "RTP/UDP; client_port= 25000",
                "RTP/AVP;multicast;destination=232.0.1.2;ttl=16;port=5000-5001",
                "RTP/AVP;unicast;client_port=4588-4589,RTP/AVP/TCP;unicast;interleaved=0-1",
                "rtp/avp;unicast;client_port=\"4588-4589\";;",
                "RTP/AVP;unicast;client_port=65535-65535;ssrc=FFFFFFFF"));
        w.texts("TransportFuzzTest", "parseReply", List.of(
                "RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=1A2B3C4D",
                "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=4F3C2B1A;mode=\"PLAY\"",
                "RTP/AVP;unicast;destination=127.0.0.1;source=127.0.0.1;client_port=50000-50001;server_port=6970-6971",
                "RTP/AVP;unicast;client_port=50000-50001;server_port=6970-6971;ssrc=0;mode=play",
                "RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=123456789"));
        w.texts("NptRangeFuzzTest", "parse", List.of(
                "npt=0.000-", "npt=10.5-20", "npt=now-", "npt=-20", "npt=1:02:03.5-", "npt=0-596.48",
                "npt = 0.0 - 12.345678901;time=19700101T000000Z", "clock=19961108T142300Z-19961108T143520Z",
                "smpte=10:07:00-10:07:33:05.01", "smpte-25=0:00:10-", "NPT=000000000001.1-2", "npt=5-3"));
        w.texts("SessionHeaderFuzzTest", "parse", List.of(
                "000022B8", "12345678;timeout=60", "47112344 ; timeout = 5", "A1b2C3;foo=bar;timeout=999999999",
                "abc;timeout", ";timeout=5"));
        w.texts("RtpInfoFuzzTest", "parse", List.of(
                "url=rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0;seq=4711;rtptime=123456",
                "url=rtsp://h/a/track1;seq=1,url=rtsp://h/a/track2;seq=2;rtptime=4294967295",
                "url=trackID=0;seq=0;rtptime=0;ssrc=1A2B3C4D",
                "url=rtsp://h/x;a,b;seq=5, url=rtsp://h/y",
                "URL = rtsp://h/z ; SEQ = 65535"));
        w.rtcp();
        w.sdp();
    }

    private void decoder() throws IOException {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        GeneratedSeeds.sequences().forEach((name, requests) -> inputs.put(name, bytes(String.join("", requests))));
        GeneratedSeeds.hostile().forEach((name, messages) -> inputs.put(name, concat(messages)));
        inputs.put("responses.raw", bytes("RTSP/1.0 200 OK\r\nCSeq: 2\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n"
                + "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://127.0.0.1:8554/live/\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n"
                + "RTSP/1.0 401 Unauthorized\r\nCSeq: 4\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n\r\n"));
        inputs.put("interleaved-mixed.raw", concat(List.of(
                bytes("RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 000022B8\r\nRTP-Info: url=rtsp://h/a/trackID=0;seq=1\r\n\r\n"),
                new byte[] {'$', 0, 0, 12, (byte) 0x80, 26, 0, 1, 0, 0, 0, 1, 0x1A, 0x2B, 0x3C, 0x4D},
                bytes("GET_PARAMETER rtsp://h/a RTSP/1.0\r\nCSeq: 6\r\nSession: 000022B8\r\n\r\n"),
                new byte[] {'$', 1, 0, 8, (byte) 0x81, (byte) 201, 0, 1, 0x1A, 0x2B, 0x3C, 0x4D},
                bytes("RTSP/1.0 200 OK\r\nCSeq: 6\r\n\r\n"))));
        inputs.put("classic.raw", bytes("SETUP movie.Mjpeg RTSP/1.0\nCSeq: 1\nTransport: RTP/UDP; client_port= 25000"
                + "PLAY movie.Mjpeg RTSP/1.0\nCSeq: 2\nSession: 123456\n"));
        inputs.put("folded.raw", bytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: a\r\n\tb\r\nRequire:x\n\r\n"));
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            write("RtspDecoderFuzzTest", "decode", e.getKey(), e.getValue());
            // decodeInChunks reads its split seed from the last 8 bytes; 4 KB seeds keep it fast (libFuzzer's
            // max_len follows the largest seed), the whole-feed target has the long ones.
            byte[] head = Arrays.copyOf(e.getValue(), Math.min(e.getValue().length, MAX_CHUNKED_SEED));
            write("RtspDecoderFuzzTest", "decodeInChunks", e.getKey(),
                    concat(List.of(head, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) e.getKey().length()})));
        }
    }

    private void rtcp() throws IOException {
        RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(0x1A2B3C4DL, 12, -3, 0x1_0042L, 300, 0x12345678L, 65536);
        RtcpPacket.SenderReport sr = new RtcpPacket.SenderReport(0x4F3C2B1AL, RtcpPacket.ntpTimestamp(1_700_000_000_000L),
                90_000, 250, 1_000_000, List.of());
        RtcpPacket.ReceiverReport rr = new RtcpPacket.ReceiverReport(0x11223344L, List.of(block));
        RtcpPacket.Other sdes = new RtcpPacket.Other(1, RtcpPacket.PT_SDES,
                new byte[] {0x11, 0x22, 0x33, 0x44, 1, 6, 'f', 'f', 'm', 'p', 'e', 'g', 0, 0, 0, 0});
        RtcpPacket.Bye bye = new RtcpPacket.Bye(List.of(0x4F3C2B1AL), java.util.Optional.of("teardown"));
        write("RtcpPacketFuzzTest", "decodeCompound", "sr-sdes-bye", RtcpPacket.encodeCompound(List.of(sr, sdes, bye)));
        write("RtcpPacketFuzzTest", "decodeCompound", "rr-sdes", RtcpPacket.encodeCompound(List.of(rr, sdes)));
        write("RtcpPacketFuzzTest", "decodeCompound", "sr-with-block",
                RtcpPacket.encodeCompound(List.of(new RtcpPacket.SenderReport(1, 2, 3, 4, 5, List.of(block, block)))));
        // ffmpeg's NAT punch on the RTCP port: an empty RR.
        write("RtcpPacketFuzzTest", "decodeCompound", "ffmpeg-punch", new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 0});
        write("RtcpPacketFuzzTest", "decodeCompound", "padded-app",
                new byte[] {(byte) 0xA0, (byte) 204, 0, 3, 1, 2, 3, 4, 'n', 'a', 'm', 'e', 0, 0, 0, 4});
    }

    private void sdp() throws IOException {
        texts("SessionDescriptionFuzzTest", "parse", List.of(
                // live555 DESCRIBE answer
                "v=0\r\no=- 1700000000 1 IN IP4 127.0.0.1\r\ns=MJPEG\r\ni=movie.Mjpeg\r\nt=0 0\r\n"
                        + "a=tool:LIVE555 Streaming Media v2018.08.28\r\na=type:broadcast\r\na=control:*\r\n"
                        + "a=range:npt=0-596.480\r\na=x-qt-text-nam:MJPEG\r\nm=video 0 RTP/AVP 26\r\nc=IN IP4 0.0.0.0\r\n"
                        + "b=AS:2000\r\na=control:track1\r\n",
                // ffmpeg ANNOUNCE body
                "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "a=tool:libavformat 61.7.100\r\nm=video 0 RTP/AVP 26\r\nb=AS:2400\r\na=control:streamid=0\r\n",
                // GStreamer rtspclientsink ANNOUNCE body
                "v=0\r\no=- 1188340656180883 1 IN IP4 127.0.0.1\r\ns=Session streamed with GStreamer\r\n"
                        + "i=rtsp-server\r\nt=0 0\r\na=tool:GStreamer\r\na=type:broadcast\r\nm=video 0 RTP/AVP 96\r\n"
                        + "c=IN IP4 0.0.0.0\r\na=rtpmap:96 JPEG/90000\r\na=framerate:25\r\na=control:stream=0\r\n",
                // a camera: audio first, absolute control, LF line ends
                "v=0\no=- 1 1 IN IP4 192.168.0.90\ns=Media Presentation\nt=0 0\na=control:rtsp://192.168.0.90/axis-media/\n"
                        + "m=audio 0 RTP/AVP 0\na=control:trackID=2\nm=video 0 RTP/AVP 26\na=framerate:30.0\n"
                        + "a=control:rtsp://192.168.0.90/axis-media/trackID=1\na=range:npt=now-\n",
                "v=0\r\nm=video 9 RTP/AVP 97 26\r\na=rtpmap:97 jpeg/90000/1\r\na=range:npt=0-10\r\n",
                "m=video 0 RTP/AVP 200\r\n",
                "m=video 0 RTP/AVP 96\r\na=rtpmap:96 JPEG/-1\r\n"));
    }

    private void texts(String test, String method, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            write(test, method, String.format("seed-%02d", i), values.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void write(String test, String method, String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(root.resolve(test + "Inputs").resolve(method));
        Files.write(dir.resolve(name), content);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
