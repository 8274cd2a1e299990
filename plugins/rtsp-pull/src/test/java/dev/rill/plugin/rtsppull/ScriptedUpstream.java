package dev.rill.plugin.rtsppull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * An RTSP server of a few lines, on a free loopback port, answering each request as its script
 * says: enough to see what rtsp-pull sends (Authorization, SETUP URLs, keep-alives). One
 * connection at a time; requests have no bodies.
 */
final class ScriptedUpstream implements AutoCloseable {

    /** A request as it came: method, URL, headers (names lower case). */
    record Request(String method, String url, Map<String, String> headers, String text) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String cseq() {
            return header("CSeq");
        }
    }

    /** Writes on the connection from the script: interleaved frames after a reply. */
    interface Connection {
        void write(byte[] bytes) throws IOException;
    }

    private final ServerSocket listener;
    private final BiFunction<Request, Connection, String> script;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Interleaved frames from the client (RTCP): channel byte first, then the packet. */
    final List<byte[]> interleaved = new CopyOnWriteArrayList<>();
    private volatile Socket socket;

    /** @param script the reply's text (status line and headers, without CSeq or the blank line) */
    ScriptedUpstream(BiFunction<Request, Connection, String> script) throws IOException {
        this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread.ofVirtual().name("scripted-upstream").start(this::serve);
    }

    String url(String userInfo, String path) {
        return "rtsp://" + userInfo + "127.0.0.1:" + listener.getLocalPort() + path;
    }

    String base(String path) {
        return url("", path);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                socket = s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                Connection connection = bytes -> {
                    synchronized (out) {
                        out.write(bytes);
                        out.flush();
                    }
                };
                while (true) {
                    Request r = read(in);
                    if (r == null) {
                        break;
                    }
                    requests.add(r);
                    String reply = script.apply(r, connection);
                    int blank = reply.indexOf("\r\n\r\n");
                    String head = blank < 0 ? reply : reply.substring(0, blank);
                    String body = blank < 0 ? "" : reply.substring(blank + 4);
                    String text = head + "\r\nCSeq: " + r.cseq() + (body.isEmpty() ? "" : "\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length) + "\r\n\r\n" + body;
                    connection.write(text.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the client went, or the test ended
            }
        }
    }

    /** Drops the connection, as an upstream that restarts does. */
    void dropConnection() throws IOException {
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }

    private Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (head.size() == 0 && b == '$') { // an interleaved frame from the client (RTCP): skip it
                int channel = in.read();
                int length = (in.read() << 8) | in.read();
                byte[] frame = new byte[length + 1];
                frame[0] = (byte) channel;
                if (in.readNBytes(frame, 1, length) < length) {
                    return null;
                }
                interleaved.add(frame);
                continue;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("request head too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Request(requestLine[0], requestLine[1], headers, text);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropConnection();
    }
}
