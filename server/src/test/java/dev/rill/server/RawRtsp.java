package dev.rill.server;

import dev.rill.wire.RtspDecoder;
import dev.rill.wire.RtspLimits;
import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.wire.RtspParseException;
import dev.rill.spi.RtspResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A plain TCP connection for sending RTSP text and reading responses, as a standard client does. */
final class RawRtsp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final RtspDecoder decoder = new RtspDecoder(RtspLimits.DEFAULT);

    RawRtsp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket already connected, e.g. a TLS one. */
    RawRtsp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    Socket socket() {
        return socket;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Sends a request and reads its response. */
    RtspResponse exchange(String request) throws IOException {
        send(request);
        return response();
    }

    /** The next response; fails after 10 s or at the end of the stream. */
    RtspResponse response() throws IOException {
        return next().orElseThrow(() -> new IOException("connection closed before a response"));
    }

    /** The next response, or empty when the server closed the connection. */
    Optional<RtspResponse> next() throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                Optional<RtspMessage> m = decoder.next();
                if (m.isPresent() && m.get() instanceof RtspResponse r) {
                    return Optional.of(r);
                }
                if (m.isPresent()) {
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return Optional.empty();
                }
                decoder.feed(buffer, 0, n);
            }
        } catch (RtspParseException e) {
            throw new IOException("server sent something that is not RTSP: " + e.getMessage(), e);
        }
    }

    /** The next interleaved frame, skipping responses; fails after 10 s or at the end of the stream. */
    InterleavedFrame frame() throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                Optional<RtspMessage> m = decoder.next();
                if (m.isPresent() && m.get() instanceof InterleavedFrame f) {
                    return f;
                }
                if (m.isPresent()) {
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("connection closed before an interleaved frame");
                }
                decoder.feed(buffer, 0, n);
            }
        } catch (RtspParseException e) {
            throw new IOException("server sent something that is not RTSP: " + e.getMessage(), e);
        }
    }

    /** True when the server closes the connection (within 10 s), reading and dropping what comes first. */
    boolean closedByServer() {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
