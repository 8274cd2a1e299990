package dev.rill.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP MJPEG viewer's connection, as a browser's {@code <img>} opens it: {@code GET} of the
 * stream over HTTP/1.1, the response head read on the opening (virtual) thread within the
 * timeout, then the channel turned non-blocking for a {@link ReceiverLoop}, whose reads go into
 * {@link #parser()}. Bytes of the first parts that came with the head are parsed at once (and
 * not counted: the session has no receiver yet), as an interleaved RTSP session's are.
 */
final class HttpViewer implements AutoCloseable {

    private static final int HEAD_READ = 16 * 1024;

    private final SocketChannel channel;
    private final HttpStreamParser parser;
    private final int grantedReceive;

    private HttpViewer(SocketChannel channel, HttpStreamParser parser, int grantedReceive) {
        this.channel = channel;
        this.parser = parser;
        this.grantedReceive = grantedReceive;
    }

    /**
     * Connects, sends the request and reads the response head.
     *
     * @param receiveBuffer SO_RCVBUF asked for before connecting, bytes; 0 for the default
     * @param parts         told of every part once a receiver owns the session
     * @param onHead        given the round trip, request written to head read, in nanoseconds
     * @throws HttpStreamException when the response is no MJPEG stream (status, Content-Type)
     */
    static HttpViewer open(HttpTarget target, long timeoutNanos, int receiveBuffer, MultipartParser.Listener parts,
                           java.util.function.LongConsumer onHead) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            if (receiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            long deadline = System.nanoTime() + timeoutNanos;
            channel.socket().connect(target.address(), (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
            HttpStreamParser parser = new HttpStreamParser(parts);
            String request = "GET " + target.target() + " HTTP/1.1\r\n"
                    + "Host: " + target.hostHeader() + "\r\n"
                    + "User-Agent: " + RtspControl.USER_AGENT + "\r\n"
                    + "Accept: multipart/x-mixed-replace, image/jpeg\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            long sent = System.nanoTime();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            InputStream in = channel.socket().getInputStream();
            byte[] buffer = new byte[HEAD_READ];
            while (!parser.headDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no response head within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                channel.socket().setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new HttpStreamException("the server closed the connection before a response head");
                }
                parser.feed(ByteBuffer.wrap(buffer, 0, n));
            }
            onHead.accept(System.nanoTime() - sent);
            channel.configureBlocking(false);
            return new HttpViewer(channel, parser, channel.getOption(StandardSocketOptions.SO_RCVBUF));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    HttpStreamParser parser() {
        return parser;
    }

    int grantedReceive() {
        return grantedReceive;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
