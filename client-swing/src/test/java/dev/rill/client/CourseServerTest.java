package dev.rill.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player in the course's argument form against a stand-in for the course's own servers,
 * which read requests line by line, answer three lines without a blank line (the Python one with
 * bare LFs and no line end at all after the last), and send one whole JPEG per datagram.
 */
class CourseServerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    ServerSocket listener;
    List<String> requests = new CopyOnWriteArrayList<>();
    List<byte[]> frames;
    volatile String failure;

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 1, LOOPBACK);
        frames = TestClips.frames(40, 96, 72);
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    @Test
    void speaksTheJavaCourseServersDialectAndWritesItsJpegsUnchanged() throws IOException {
        Thread server = Thread.ofVirtual().start(() -> serve("\r\n", true));
        Path out = dir.resolve("java");
        int status = RillPlaybackTest.headless("--headless", "--frames", "10", "--out", out.toString(),
                "127.0.0.1", Integer.toString(listener.getLocalPort()), "0", "movie.Mjpeg");
        assertEquals(0, status, failure);
        List<byte[]> written = TestClips.written(out);
        assertEquals(10, written.size());
        Frames.assertInOrder(frames, written, Frames::sameBytes);
        awaitEnd(server);
        assertEquals(null, failure);
        String setup = requests.get(0);
        assertTrue(setup.matches("SETUP movie\\.Mjpeg RTSP/1\\.0\r\nCSeq: 1\r\nTransport: RTP/UDP; client_port= \\d+\r\n"),
                setup);
        assertEquals("PLAY movie.Mjpeg RTSP/1.0\r\nCSeq: 2\r\nSession: 123456\r\n", requests.get(1));
        assertEquals("TEARDOWN movie.Mjpeg RTSP/1.0\r\nCSeq: 3\r\nSession: 123456\r\n", requests.get(2));
    }

    @Test
    void takesThePythonCourseServersRepliesWithoutAnyLineEndAfterTheLast() throws IOException {
        Thread server = Thread.ofVirtual().start(() -> serve("\n", false));
        Path out = dir.resolve("python");
        int status = RillPlaybackTest.headless("--headless", "--frames", "5", "--out", out.toString(),
                "127.0.0.1", Integer.toString(listener.getLocalPort()), "0", "movie.Mjpeg");
        assertEquals(0, status, failure);
        assertEquals(5, TestClips.written(out).size());
        awaitEnd(server);
        assertEquals(null, failure);
    }

    private static void awaitEnd(Thread server) {
        try {
            server.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client, as the course's servers serve: SETUP, PLAY, then PAUSE/TEARDOWN. */
    private void serve(String lineEnd, boolean lastLineEnd) {
        AtomicBoolean sending = new AtomicBoolean();
        try (Socket socket = listener.accept(); DatagramSocket rtp = new DatagramSocket(0, LOOPBACK)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int clientPort = -1;
            Thread sender = null;
            while (true) {
                String first = line(in);
                if (first == null) {
                    return; // the client closed the connection
                }
                String cseq = line(in);
                String third = line(in);
                requests.add(first + "\r\n" + cseq + "\r\n" + third + "\r\n");
                String[] words = first.split(" ");
                if (words[0].equals("SETUP")) {
                    String[] tokens = third.split("\\s+"); // the course's server: skip three tokens, read the port
                    clientPort = Integer.parseInt(tokens[3]);
                }
                String reply = "RTSP/1.0 200 OK" + lineEnd + cseq + lineEnd + "Session: 123456" + (lastLineEnd ? lineEnd : "");
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (words[0].equals("PLAY") && sender == null) {
                    int port = clientPort;
                    sending.set(true);
                    sender = Thread.ofVirtual().start(() -> sendFrames(rtp, port, sending));
                } else if (words[0].equals("PAUSE") || words[0].equals("TEARDOWN")) {
                    sending.set(false);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = "course server stand-in: " + e;
        } finally {
            sending.set(false);
        }
    }

    /** A line ended by CRLF or LF; a line that is empty means the client sent a blank line, which it must not. */
    private String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    throw new IOException("the client sent a blank line, which the course's server reads as a request");
                }
                return text;
            }
            line.write(b);
        }
    }

    /** Frame n (from 1) in one datagram: 12-byte header, PT 26, seq n, timestamp n * 50 ms. */
    private void sendFrames(DatagramSocket rtp, int port, AtomicBoolean sending) {
        try {
            for (int n = 1; n <= frames.size() && sending.get(); n++) {
                byte[] packet = new RtpPacket(false, 26, n, n * 50L, 0, frames.get(n - 1)).encode();
                rtp.send(new DatagramPacket(packet, packet.length, LOOPBACK, port));
                Thread.sleep(50); // the course server's timer: not a test timing assertion
            }
        } catch (IOException | InterruptedException e) {
            // the test ends
        }
    }
}
