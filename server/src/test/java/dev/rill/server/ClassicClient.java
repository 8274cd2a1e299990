package dev.rill.server;

import dev.rill.spi.MalformedPacketException;
import dev.rill.spi.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client that speaks exactly as the course's clients do: bare file names, no blank line after
 * a request (the Java client ends lines with CRLF, the Python one with LF and often nothing after
 * the last line), and replies read as three lines.
 */
final class ClassicClient implements AutoCloseable {

    enum Style { JAVA, PYTHON }

    private final Style style;
    private final Socket socket;
    private final InputStream in;
    private final DatagramChannel rtp;
    private final Thread receiver;
    private final List<RtpPacket> packets = new CopyOnWriteArrayList<>();
    private int cseq;
    private String session = "0";

    ClassicClient(int port, Style style) throws IOException {
        this.style = style;
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.rtp = DatagramChannel.open();
        rtp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        rtp.bind(new InetSocketAddress("127.0.0.1", 0));
        this.receiver = Thread.ofVirtual().start(this::receive);
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.socket().getLocalSocketAddress()).getPort();
    }

    List<RtpPacket> packets() {
        return packets;
    }

    String session() {
        return session;
    }

    /** Sends a request as the course's client would, in one write, and reads the three-line reply. */
    String request(String method, String file, String extraLine) throws IOException {
        cseq++;
        String eol = style == Style.JAVA ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(file).append(" RTSP/1.0").append(eol);
        sb.append("CSeq: ").append(cseq);
        if (extraLine != null) {
            sb.append(eol).append(extraLine);
        }
        if (style == Style.JAVA) {
            sb.append(eol);
        }
        socket.getOutputStream().write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String reply = readLines(3);
        String[] lines = reply.split("\r?\n");
        if (lines.length >= 3 && lines[2].startsWith("Session: ") && lines[0].contains(" 200 ")) {
            session = lines[2].substring("Session: ".length()).trim();
        }
        return reply;
    }

    String setup(String file) throws IOException {
        return request("SETUP", file, "Transport: RTP/UDP; client_port= " + rtpPort());
    }

    String play(String file) throws IOException {
        return request("PLAY", file, "Session: " + session);
    }

    String pause(String file) throws IOException {
        return request("PAUSE", file, "Session: " + session);
    }

    String teardown(String file) throws IOException {
        return request("TEARDOWN", file, "Session: " + session);
    }

    /** Reads exactly {@code count} lines (with their line ends) of the reply. */
    String readLines(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lines = 0;
        while (lines < count) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server sent nothing more within {@code millis}. */
    boolean nothingMoreWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (true) {
            try {
                buffer.clear();
                rtp.receive(buffer);
                buffer.flip();
                packets.add(RtpPacket.decode(buffer.array(), 0, buffer.limit()));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | MalformedPacketException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            rtp.close();
        }
    }
}
