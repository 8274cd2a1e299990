package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole HTTP viewer runs against the JDK's HTTP server (the one Rill's listener is built on,
 * which sends a body of unknown length chunked) serving a stand-in MJPEG stream at 25 parts/s.
 */
class HttpRunTest {

    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        byte[] jpeg = TestJpegs.jpeg(64, 48, 4, 0.75f, 14);
        server.createContext("/stream/x", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // bounded even if nobody closes
            try (OutputStream out = exchange.getResponseBody()) {
                while (System.nanoTime() < end) {
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(40);
                }
            } catch (IOException | InterruptedException e) {
                // the viewer left
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void httpViewersCountPartsAsFramesAndTheServerCpuPerFrame() throws Exception {
        Report report = LoadGenerator.run(GeneratorOptions.parse("--url", url("/stream/x"), "--sessions", "3",
                "--duration", "1", "--settle", "0.3", "--expected-fps", "25", "--progress", "0",
                "--server-pid", Long.toString(ProcessHandle.current().pid())));
        assertEquals(3, report.establishment().established());
        assertEquals(3, report.establishment().tornDown());
        assertTrue(report.transport().startsWith("HTTP"), report.transport());
        assertTrue(report.reception().frames() > 0, report.reception().toString());
        // One part, one "packet"; the window's edges may fall between the two counts of a part
        // that was arriving, at most one per session.
        assertTrue(Math.abs(report.reception().frames() - report.reception().packets()) <= 3, report.reception().toString());
        assertEquals(0, report.reception().receiverErrors());
        assertEquals(3, report.roundTrips().byMethod().get("GET").count());
        assertTrue(report.server().orElseThrow().cpuMicrosPerFrame().isPresent());
        String text = ReportText.render(report);
        assertTrue(text.contains("CPU per frame delivered") && text.contains("HTTP round trips"), text);
    }

    @Test
    void aStreamThatIsNotThereFailsEverySessionWithItsStatus() throws Exception {
        Report report = LoadGenerator.run(GeneratorOptions.parse("--url", url("/missing"), "--sessions", "2",
                "--duration", "1", "--progress", "0"));
        assertEquals(0, report.establishment().established());
        assertTrue(report.establishment().failureReasons().keySet().stream().anyMatch(r -> r.contains("HTTP # Not Found")),
                report.establishment().failureReasons().toString());
    }
}
