package dev.rill.wire;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link RtspClient} talks. Start from {@link #of(RequestStyle)} and change what differs.
 *
 * @param style         the form of the requests, and with it the dialect
 * @param timeout       the longest wait to connect, and for each response
 * @param userAgent     the User-Agent of standard requests; empty for none (classic requests never carry one)
 * @param classicGrace  quiet time after which a classic reply without its blank line counts as complete
 * @param receiveBuffer SO_RCVBUF asked for before connecting, bytes; 0 for the system's default
 * @param readerThread  true: a virtual thread reads all the time; false: a request reads on its
 *                      caller's thread, and the connection can be detached (see {@link RtspClient})
 * @param exchangeLog   told the text of every request sent, after {@code "C→S\n"}, and of every
 *                      response or server request received, as it arrived, after {@code "S→C\n"}
 */
public record RtspClientOptions(RequestStyle style, Duration timeout, String userAgent, Duration classicGrace,
                                int receiveBuffer, boolean readerThread, Consumer<String> exchangeLog) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a reply that one write sent to arrive whole; short enough not to be noticed. */
    public static final Duration DEFAULT_CLASSIC_GRACE = Duration.ofMillis(100);
    public static final String DEFAULT_USER_AGENT = "Rill";

    public RtspClientOptions {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(exchangeLog, "exchangeLog");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("RTSP client timeout must be positive: " + timeout);
        }
        if (classicGrace.isNegative() || classicGrace.isZero()) {
            throw new IllegalArgumentException("classic grace must be positive: " + classicGrace);
        }
        if (receiveBuffer < 0) {
            throw new IllegalArgumentException("receive buffer must be >= 0 bytes: " + receiveBuffer);
        }
        if (userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("User-Agent must be one line: '" + userAgent + "'");
        }
    }

    /** The defaults for a style: 10 s timeout, User-Agent {@value #DEFAULT_USER_AGENT}, a reader thread, no log. */
    public static RtspClientOptions of(RequestStyle style) {
        return new RtspClientOptions(style, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, DEFAULT_CLASSIC_GRACE, 0, true,
                text -> { });
    }

    public RtspClientOptions withStyle(RequestStyle value) {
        return new RtspClientOptions(value, timeout, userAgent, classicGrace, receiveBuffer, readerThread, exchangeLog);
    }

    public RtspClientOptions withTimeout(Duration value) {
        return new RtspClientOptions(style, value, userAgent, classicGrace, receiveBuffer, readerThread, exchangeLog);
    }

    public RtspClientOptions withUserAgent(String value) {
        return new RtspClientOptions(style, timeout, value, classicGrace, receiveBuffer, readerThread, exchangeLog);
    }

    public RtspClientOptions withClassicGrace(Duration value) {
        return new RtspClientOptions(style, timeout, userAgent, value, receiveBuffer, readerThread, exchangeLog);
    }

    public RtspClientOptions withReceiveBuffer(int bytes) {
        return new RtspClientOptions(style, timeout, userAgent, classicGrace, bytes, readerThread, exchangeLog);
    }

    public RtspClientOptions withReaderThread(boolean value) {
        return new RtspClientOptions(style, timeout, userAgent, classicGrace, receiveBuffer, value, exchangeLog);
    }

    public RtspClientOptions withExchangeLog(Consumer<String> value) {
        return new RtspClientOptions(style, timeout, userAgent, classicGrace, receiveBuffer, readerThread, value);
    }
}
