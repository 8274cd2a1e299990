package dev.rill.plugin.httpmjpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A camera for tests: an HTTP server on 127.0.0.1, port 0, that records each request head and
 * answers each connection with a script writing the multipart stream by hand. Close it in
 * {@code @AfterEach}.
 */
final class FakeCamera implements AutoCloseable {

    /** How one connection is answered; {@code connection} counts from 0. */
    interface Script {
        void serve(int connection, Writer out) throws IOException, InterruptedException;
    }

    /**
     * How a stream is written.
     *
     * @param contentLength a {@code Content-Length} in each part's header
     * @param dashes        delimiter lines {@code --frame} rather than {@code frame}
     * @param eol           {@code "\r\n"} or {@code "\n"}
     * @param quoted        {@code boundary="frame"} in the Content-Type
     * @param chunked       {@code Transfer-Encoding: chunked}
     */
    record Format(boolean contentLength, boolean dashes, String eol, boolean quoted, boolean chunked) {
        static final Format ESP32 = new Format(true, true, "\r\n", false, true);

        @Override
        public String toString() {
            return (contentLength ? "length" : "no length") + (dashes ? ", --" : ", no --")
                    + (eol.equals("\r\n") ? ", CRLF" : ", LF") + (quoted ? ", quoted" : "") + (chunked ? ", chunked" : "");
        }
    }

    /** Writes one connection's answer. */
    static final class Writer {
        private final OutputStream out;
        private final Format format;

        Writer(OutputStream out, Format format) {
            this.out = out;
            this.format = format;
        }

        void raw(String text) throws IOException {
            raw(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void raw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Body bytes: in a chunk of its own when chunked. */
        void body(byte[] bytes) throws IOException {
            if (format.chunked()) {
                raw(Integer.toHexString(bytes.length) + "\r\n");
                raw(bytes);
                raw("\r\n");
            } else {
                raw(bytes);
            }
        }

        void head() throws IOException {
            raw("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary="
                    + (format.quoted() ? "\"frame\"" : "frame") + "\r\n"
                    + (format.chunked() ? "Transfer-Encoding: chunked\r\n" : "") + "Cache-Control: no-cache\r\n\r\n");
        }

        /** One part: delimiter line, headers, blank line, the bytes, line end (as ESP32 writes it). */
        void part(byte[] bytes) throws IOException {
            part(bytes, format.contentLength() ? bytes.length : -1);
        }

        /**
         * The delimiter line alone, as a camera begins its next part: without Content-Length, the
         * part before is whole only once this came.
         */
        void delimiter() throws IOException {
            body(((format.dashes() ? "--" : "") + "frame" + format.eol()).getBytes(StandardCharsets.ISO_8859_1));
        }

        /** One part with a given Content-Length (-1: none). */
        void part(byte[] bytes, int contentLength) throws IOException {
            String eol = format.eol();
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.writeBytes(((format.dashes() ? "--" : "") + "frame" + eol + "Content-Type: image/jpeg" + eol
                    + (contentLength >= 0 ? "Content-Length: " + contentLength + eol : "") + eol)
                    .getBytes(StandardCharsets.ISO_8859_1));
            part.writeBytes(bytes);
            part.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
            body(part.toByteArray());
        }
    }

    private final ServerSocket server;
    private final Format format;
    private final Script script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Thread acceptor;

    private FakeCamera(Format format, Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.format = format;
        this.script = script;
        this.acceptor = Thread.ofVirtual().name("fake-camera").unstarted(this::accept);
    }

    static FakeCamera start(Format format, Script script) throws IOException {
        FakeCamera camera = new FakeCamera(format, script);
        camera.acceptor.start();
        return camera;
    }

    /** Frames forever, one every {@code periodMillis}, until the connection breaks. */
    static Script streaming(int periodMillis) {
        return (connection, out) -> {
            out.head();
            for (int n = 0; ; n++) {
                out.part(TestJpegs.jpeg(n, 300));
                Thread.sleep(periodMillis);   // the camera's own pace, not a test's wait
            }
        };
    }

    String url() {
        return url("");
    }

    /** The stream's URL, with user-info ({@code "user:pw@"}) or not. */
    String url(String userInfo) {
        return "http://" + userInfo + "127.0.0.1:" + server.getLocalPort() + "/stream";
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> requests() {
        return requests;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections the client has not closed yet. */
    int open() {
        return open.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int n = connections.getAndIncrement();
                open.incrementAndGet();
                Thread.ofVirtual().name("fake-camera-" + n).start(() -> serve(n, socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(int n, Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            requests.add(requestHead(in));
            // The client sends nothing after its request: end of input is its close.
            Thread.ofVirtual().start(() -> {
                try {
                    while (in.read() >= 0) {
                        // discard
                    }
                } catch (IOException e) {
                    // closed
                }
                open.decrementAndGet();
            });
            script.serve(n, new Writer(socket.getOutputStream(), format));
        } catch (IOException | InterruptedException e) {
            // the client went away, or the camera closed
        }
    }

    private static String requestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 16_384) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
