package dev.rill.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the
 * JDK's WebSocket client: one page, a 1280x800 viewport, on loopback only. Every call waits at
 * most {@link #CALL_TIMEOUT}. Close it in {@code @AfterEach}: the browser and its profile go.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String PROGRAM = "chromium";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** The JDK's WebSocket refuses a send while another is in flight ("Send pending"); the fetch answers run beside the test's calls. */
    private final ReentrantLock sending = new ReentrantLock();
    private WebSocket socket;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts the browser on about:blank; the caller has made sure it is installed ({@link ExternalProgram#require}). */
    static HeadlessChromium start() throws Exception {
        Path profile = Files.createTempDirectory("rill-chromium");
        Process process = new ProcessBuilder(PROGRAM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--window-size=1280,800", "--force-device-scale-factor=1",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        HeadlessChromium browser = new HeadlessChromium(process, profile);
        try {
            browser.connect();
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /** Reads the port Chromium chose from its profile, finds the page and opens its DevTools socket. */
    private void connect() throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).failFast("chromium exited", () -> !process.isAlive())
                    .until(() -> Files.isRegularFile(portFile) && !Files.readAllLines(portFile).isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError("chromium did not open its DevTools port: " + log(), e);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        String page = await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> pageTarget(port), p -> p != null);
        socket = http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT).buildAsync(URI.create(page), new Listener())
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        call("Page.enable", JSON.createObjectNode());
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode()
                .put("width", 1280).put("height", 800).put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** The DevTools socket of the browser's page, or null while it has none. */
    private String pageTarget(int port) throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if (target.path("type").asText().equals("page")) {
                return target.path("webSocketDebuggerUrl").asText();
            }
        }
        return null;
    }

    /** Collects a message's fragments and completes the call its id answers. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> call = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
                    if (call != null) {
                        call.complete(message);
                    } else if (message.path("method").asText().equals("Fetch.requestPaused")) {
                        // Answered off this thread: a call waits for its reply, which comes through here.
                        String request = message.path("params").path("requestId").asText();
                        Thread.ofVirtual().name("rill-test-fetch").start(() -> fulfil(request));
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        send(JSON.writeValueAsString(message));
        JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void send(String text) throws Exception {
        if (!sending.tryLock(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("another DevTools send took longer than " + CALL_TIMEOUT);
        }
        try {
            socket.sendText(text, true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            sending.unlock();
        }
    }

    /** What {@link #intercept} answers: status and JSON body. */
    private volatile ObjectNode canned;

    /**
     * From now on the browser's requests for URLs matching {@code urlPattern} (DevTools wildcards)
     * never reach the server: they get {@code status} with {@code jsonBody}, e.g. the 403 that
     * {@code /stats} gives a browser on another machine.
     */
    void intercept(String urlPattern, int status, String jsonBody) throws Exception {
        ObjectNode answer = JSON.createObjectNode().put("responseCode", status)
                .put("body", Base64.getEncoder().encodeToString(jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        answer.putArray("responseHeaders").addObject().put("name", "Content-Type").put("value", "application/json");
        canned = answer;
        ObjectNode params = JSON.createObjectNode();
        params.putArray("patterns").addObject().put("urlPattern", urlPattern);
        call("Fetch.enable", params);
    }

    private void fulfil(String request) {
        try {
            call("Fetch.fulfillRequest", canned.deepCopy().put("requestId", request));
        } catch (Exception | AssertionError e) {
            // The page then waits for an answer that does not come; the test's await reports it.
        }
    }

    /** Opens {@code url} in the page. */
    void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression (a promise is awaited); a thrown exception fails the test. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Saves what the 1280x800 viewport shows as a PNG. */
    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Asks the browser to quit (it then ends and reaps its own helper processes), waits at most
     * 10 s, and only then kills what is left.
     */
    @Override
    public void close() {
        List<ProcessHandle> helpers = new ArrayList<>(process.descendants().toList());
        if (socket != null) {
            try {
                send("{\"id\": 0, \"method\": \"Browser.close\"}");
            } catch (Exception e) {
                process.destroy();
            }
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        helpers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (socket != null) {
            socket.abort();
        }
        http.close();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temp directory is harmless
        }
    }
}
