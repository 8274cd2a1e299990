package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspRequest;
import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole publish run of the generator against a stand-in relay on loopback: the relay takes the
 * publisher's packets and forwards them, unchanged, to every viewer playing over TCP, as a
 * publish mount does once per frame. The viewers in the sample must find every frame's send time.
 */
class PublishRunTest {

    private ServerSocket listener;
    private Thread acceptor;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();

    /** One playing viewer's connection; replies and frames are written under one lock. */
    private record Viewer(OutputStream out, ReentrantLock lock) {
        void write(byte[] bytes) {
            lock.lock();
            try {
                out.write(bytes);
            } catch (IOException e) {
                // the viewer went away: its connection's thread ends
            } finally {
                lock.unlock();
            }
        }
    }

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        acceptor.join(Duration.ofSeconds(10));
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            Viewer me = new Viewer(socket.getOutputStream(), new ReentrantLock());
            RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                decoder.feed(buffer, 0, n);
                for (Optional<RtspMessage> m = decoder.next(); m.isPresent(); m = decoder.next()) {
                    if (m.get() instanceof InterleavedFrame f && f.channel() == 0) {
                        byte[] wire = f.encode();
                        viewers.forEach(v -> v.write(wire));
                    } else if (m.get() instanceof RtspRequest r) {
                        me.write(reply(r).getBytes(StandardCharsets.ISO_8859_1));
                        if (r.method().name().equals("PLAY")) {
                            viewers.add(me);
                        } else if (r.method().name().equals("TEARDOWN")) {
                            viewers.remove(me);
                        }
                    }
                }
            }
            viewers.remove(me);
        } catch (Exception e) {
            // a connection that ends ends its thread
        }
    }

    private String reply(RtspRequest r) {
        String head = "RTSP/1.0 200 OK\r\nCSeq: " + r.cseq().getAsInt() + "\r\n";
        return switch (r.method().name()) {
            case "DESCRIBE" -> {
                String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=relay\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\n"
                        + "a=rtpmap:26 JPEG/90000\r\na=control:streamid=0\r\n";
                yield head + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            }
            case "SETUP" -> head + "Session: s" + sessions.incrementAndGet() + "\r\nTransport: "
                    + r.headers().first("Transport").orElseThrow() + "\r\n\r\n";
            default -> head + "\r\n";
        };
    }

    @Test
    void viewersOfAPublishedStreamMatchEveryFrameWithItsSendTime() throws Exception {
        String url = "rtsp://127.0.0.1:" + listener.getLocalPort() + "/live";
        GeneratorOptions options = GeneratorOptions.parse("--url", url, "--publish", url, "--tcp", "--sessions", "3",
                "--latency-sample", "2", "--publish-size", "160x120", "--publish-pictures", "10", "--publish-fps", "25",
                "--duration", "2", "--settle", "0.5", "--probe-interval", "0", "--progress", "0");
        Report report = LoadGenerator.run(options);

        assertEquals(3, report.establishment().established());
        assertEquals(25, report.reception().expectedFps()); // from --publish-fps: the SDP gives no rate
        assertTrue(report.reception().frames() > 0, report.reception().toString());
        Report.Publishing p = report.publishing().orElseThrow();
        assertEquals(2, p.sampledSessions());
        assertTrue(p.matched() > 0, p.toString());
        assertEquals(0, p.unknown(), p.toString());
        assertEquals(0, p.stale(), p.toString());
        assertEquals(p.matched(), p.latency().count());
        assertEquals("200 OK", p.publisher().teardown());
        assertTrue(ReportText.render(report).contains("Publish-to-viewer latency (2 sampled sessions"));
    }
}
