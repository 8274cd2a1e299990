package dev.rill.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line in its own process: SIGTERM says BYE to every session and exits. */
class ShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermSaysByeToEverySessionAndExits() throws Exception {
        Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(400, 64, 48));
        Files.writeString(dir.resolve("server.json"), "{\"rtsp\": {\"host\": \"127.0.0.1\", \"port\": 0}}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.rill.server.Main", "--config", dir.resolve("server.json").toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on rtsp://127\\.0\\.0\\.1:(\\d+)/");
            int port = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = log.readLine(); line != null; line = log.readLine()) {
                        Matcher m = listening.matcher(line);
                        if (m.find()) {
                            return Integer.parseInt(m.group(1));
                        }
                    }
                    return -1;
                } catch (java.io.IOException e) {
                    return -1;
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(port > 0, "the server said where it listens");
            Thread.ofVirtual().start(() -> {
                try {
                    log.lines().forEach(line -> { });
                } catch (java.io.UncheckedIOException closed) {
                    // the process is gone
                }
            });
            try (StandardClient a = new StandardClient(port, "/clip.Mjpeg"); StandardClient b = new StandardClient(port, "/clip.Mjpeg")) {
                a.setupUdp();
                b.setupTcp();
                a.request("PLAY", a.url());
                b.request("PLAY", b.url());
                await().atMost(Duration.ofSeconds(10)).until(() -> a.frames().size() > 2 && b.frames().size() > 2);
                int before = a.rtcpPackets().size() + b.rtcpPackets().size();
                long start = System.nanoTime();
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server must exit after SIGTERM");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.println("server exited " + millis + " ms after SIGTERM");
                await().atMost(Duration.ofSeconds(5)).until(() -> a.rtcpPackets().size() + b.rtcpPackets().size() > before);
                assertTrue(a.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye), "UDP session got BYE");
                assertTrue(b.rtcpPackets().stream().anyMatch(RtcpPackets::hasBye), "interleaved session got BYE");
            }
        } finally {
            process.destroyForcibly();
        }
    }

}
