package dev.rill.wire;

import dev.rill.spi.InterleavedFrame;
import dev.rill.spi.RtspMessage;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Incremental decoder of the bytes an RTSP connection carries (either direction): requests,
 * responses and interleaved {@code $} frames (RFC 2326 §4, §10.12). Feed it what arrives; take
 * messages out with {@link #next()} until it is empty. Not thread-safe.
 *
 * <p>What it accepts: lines ended by CRLF or a bare LF, mixed freely; empty lines before a start
 * line (skipped, RFC 2616 §4.1, and so are stray CRs there); header fields with or without a space
 * after the colon, white space around names and values, and continuation lines (leading SP or HT,
 * folded into the previous value with one space). A CR inside a line that is not followed by LF is
 * a 400: no peer ends lines with a bare CR, and taking it as a line end would let a field smuggle a
 * second one. Text (targets, values, reasons) is decoded as ISO-8859-1, one char per byte.
 *
 * <p>The limits of {@link RtspLimits} are checked as soon as the bytes show them crossed, not when
 * the line or message ends: a 20,000-byte request line fails once 4,096 bytes have arrived. The
 * statuses: 414 for a request line over {@code maxStartLine} (400 for a status line, and for bytes
 * whose first 33 already cannot be a method); 400 for header bytes or fields over their limits,
 * for a Content-Length that is not a non-negative decimal and for anything malformed; 413 for a
 * Content-Length over {@code maxBody}, as soon as that field is read; 505 for a version other
 * than RTSP/1.x. The outcome does not depend on how the bytes were split between feeds.
 *
 * <p>The classic dialect: the course's clients never send the blank line that ends a request, and
 * sometimes no line end after the last field; the whole request comes in one write. The connection
 * calls {@link #idle()} after a short quiet spell, which completes such a request (a target that is
 * not an absolute {@code rtsp://} URL, a CSeq, no body) or such a response (status line and CSeq).
 * When a start line arrives instead, the message before it ends there too, as idle would end it.
 *
 * <p>After it throws {@link RtspParseException} once, the decoder is spent: every later call to
 * {@link #feed}, {@link #next} or {@link #idle} throws the same exception. The connection answers
 * with the exception's status and closes; there is no way to find the next message boundary.
 *
 * <p>Memory: one buffer that grows to at most {@code max(limits.maxMessage(), 65,539)} bytes (the
 * largest message or interleaved frame). Decoded messages that the caller has not yet taken are
 * kept up to the same number of bytes again; a caller that feeds more without calling
 * {@link #next()} gets a 400.
 */
public final class RtspDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int INITIAL_BUFFER = 2048;
    private static final byte[] NO_BODY = new byte[0];

    private enum Phase { START, FRAME, START_LINE, HEADERS, BODY }

    private record Ready(RtspMessage message, int bytes) {
    }

    private final RtspLimits limits;
    private final int capacity;
    private byte[] buf = new byte[INITIAL_BUFFER];
    /** Bytes before {@code pos} are consumed; {@code [pos, end)} are buffered. */
    private int pos;
    private int end;
    /** Start of the line being read and where the search for its LF resumes. */
    private int lineStart;
    private int scan;
    private int bodyStart;
    private Phase phase = Phase.START;

    /** The head being read, in START_LINE, HEADERS and BODY. */
    private final RtspHead head;

    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private int readyBytes;
    private RtspParseException failure;

    public RtspDecoder(RtspLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.capacity = Math.max(limits.maxMessage(), InterleavedFrame.HEADER_LENGTH + 0xFFFF);
        this.head = new RtspHead(limits);
    }

    /**
     * Appends received bytes, copied into the bounded buffer. Throws 413 when one message would
     * need more than the buffer holds, 400 when decoded messages pile up untaken, or the error of
     * a message it had to decode to make room.
     */
    public void feed(byte[] bytes, int offset, int length) throws RtspParseException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        throwIfFailed();
        int copied = 0;
        while (copied < length) { // each round copies at least one byte, or throws
            if (end - pos == capacity) {
                decodeIntoReady();
            }
            int n = Math.min(length - copied, capacity - (end - pos));
            makeRoom(n);
            System.arraycopy(bytes, offset + copied, buf, end, n);
            end += n;
            copied += n;
        }
    }

    /** The next complete message (RtspRequest, RtspResponse or InterleavedFrame), or empty if more bytes are needed. */
    public Optional<RtspMessage> next() throws RtspParseException {
        throwIfFailed();
        Ready first = ready.poll();
        if (first != null) {
            readyBytes -= first.bytes();
            return Optional.of(first.message());
        }
        return decode();
    }

    /** True when the buffered bytes are a message that {@link #idle()} would complete. Never throws. */
    public boolean completableWhenIdle() {
        if (failure != null) {
            return false;
        }
        try {
            return !ready.isEmpty() || decodeOneIntoReady() || tailCompletable();
        } catch (RtspParseException e) {
            return false; // remembered in failure: next() and idle() throw it
        }
    }

    /**
     * Called by the connection after a short grace period with no new bytes: the next message if
     * one is complete, else the pending classic message that lacks its blank line (and maybe its
     * last line end), if allowed; otherwise empty. After it completes such a message, the buffer is
     * empty.
     */
    public Optional<RtspMessage> idle() throws RtspParseException {
        Optional<RtspMessage> complete = next();
        if (complete.isPresent() || !tailCompletable()) {
            return complete;
        }
        int to = end;
        if (to > lineStart && buf[to - 1] == CR) {
            to--;
        }
        try {
            if (to > lineStart) {
                head.addLine(text(lineStart, to)); // checked by tailCompletable: cannot fail
            }
            return Optional.of(complete(end, NO_BODY));
        } catch (RtspParseException e) {
            failure = e;
            throw e;
        }
    }

    /** Bytes buffered and not yet returned as messages. */
    public int buffered() {
        return end - pos + readyBytes;
    }

    private void throwIfFailed() throws RtspParseException {
        if (failure != null) {
            throw failure;
        }
    }

    private RtspParseException fail(RtspStatus status, String reason) {
        failure = new RtspParseException(status, reason);
        return failure;
    }

    /** The buffer is full: decode what is complete so that feeding can go on. */
    private void decodeIntoReady() throws RtspParseException {
        while (decodeOneIntoReady()) {
            if (readyBytes > capacity) {
                throw fail(RtspStatus.BAD_REQUEST, "more than " + capacity + " bytes of messages not taken");
            }
        }
        if (end - pos == capacity) { // cannot happen while the limits are checked; kept as a bound
            throw fail(RtspStatus.REQUEST_ENTITY_TOO_LARGE, "message longer than " + capacity + " bytes");
        }
    }

    private boolean decodeOneIntoReady() throws RtspParseException {
        int before = end - pos;
        Optional<RtspMessage> message = decode();
        if (message.isEmpty()) {
            return false;
        }
        int bytes = before - (end - pos);
        ready.add(new Ready(message.get(), bytes));
        readyBytes += bytes;
        return true;
    }

    private void makeRoom(int n) {
        if (end + n <= buf.length) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            lineStart = Math.max(0, lineStart - pos);
            scan = Math.max(0, scan - pos);
            bodyStart = Math.max(0, bodyStart - pos);
            pos = 0;
        }
        if (end + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(capacity, Math.max(end + n, 2 * buf.length)));
        }
    }

    private Optional<RtspMessage> decode() throws RtspParseException {
        try {
            return decodeStep();
        } catch (RtspParseException e) {
            failure = e;
            throw e;
        } catch (IllegalArgumentException e) {
            // A value the checks here let through but a record refused: still the peer's fault.
            throw fail(RtspStatus.BAD_REQUEST, "malformed message");
        }
    }

    /** Advances over the buffered bytes; every round consumes a line, a byte or a message, or returns. */
    private Optional<RtspMessage> decodeStep() throws RtspParseException {
        while (true) {
            switch (phase) {
                case START -> {
                    if (!startMessage()) {
                        return Optional.empty();
                    }
                }
                case FRAME -> {
                    return frame();
                }
                case START_LINE, HEADERS -> {
                    int lf = findLineEnd();
                    if (lf < 0) {
                        checkPartialLine();
                        return Optional.empty();
                    }
                    Optional<RtspMessage> message = line(lf);
                    if (message.isPresent()) {
                        return message;
                    }
                }
                case BODY -> {
                    return body();
                }
            }
        }
    }

    private boolean startMessage() {
        // RFC 2616 §4.1: ignore empty lines before a start line.
        while (pos < end && (buf[pos] == CR || buf[pos] == LF)) {
            pos++;
        }
        if (pos == end) {
            pos = 0;
            end = 0;
            return false;
        }
        phase = buf[pos] == InterleavedFrame.MAGIC ? Phase.FRAME : Phase.START_LINE;
        lineStart = pos;
        scan = pos;
        return true;
    }

    private Optional<RtspMessage> frame() {
        if (end - pos < InterleavedFrame.HEADER_LENGTH) {
            return Optional.empty();
        }
        int length = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        int payloadStart = pos + InterleavedFrame.HEADER_LENGTH;
        if (end - payloadStart < length) {
            return Optional.empty();
        }
        InterleavedFrame frame = new InterleavedFrame(buf[pos + 1] & 0xFF,
                Arrays.copyOfRange(buf, payloadStart, payloadStart + length));
        pos = payloadStart + length;
        phase = Phase.START;
        return Optional.of(frame);
    }

    /** The index of the LF ending the current line, or -1 with {@code scan} where to resume. */
    private int findLineEnd() throws RtspParseException {
        for (int i = scan; i < end; i++) {
            byte b = buf[i];
            if (b == LF) {
                return i;
            }
            if (b == CR) {
                if (i + 1 == end) {
                    scan = i; // its LF may be in the next feed
                    return -1;
                }
                if (buf[i + 1] != LF) {
                    scan = i;
                    checkPartialLine(); // a limit the line already crossed wins, however the bytes were split
                    throw fail(RtspStatus.BAD_REQUEST, "CR without LF inside a line");
                }
            }
        }
        scan = end;
        return -1;
    }

    /** Limits that the start of a line without its end already shows crossed. */
    private void checkPartialLine() throws RtspParseException {
        int length = scan - lineStart; // without a CR that may begin the line end
        if (phase == Phase.START_LINE) {
            checkMethodSoFar(length); // first: bytes that are no request at all get 400, not 414
            if (length > limits.maxStartLine()) {
                throw startLineTooLong();
            }
        } else if (head.headerBytes() + length > limits.maxHeaderBytes()) {
            throw failure = head.headersTooLong();
        }
    }

    /** A request's method is known bad once a non-token byte, or too many bytes, precede the first space. */
    private void checkMethodSoFar(int length) throws RtspParseException {
        if (isStatusLine()) {
            return;
        }
        int limit = lineStart + Math.min(length, RtspMethod.MAX_LENGTH + 1);
        for (int i = lineStart; i < limit; i++) {
            if (buf[i] == ' ' || buf[i] == '\t') {
                if (!RtspMethod.isToken(text(lineStart, i))) {
                    throw fail(RtspStatus.BAD_REQUEST, "method is not a token");
                }
                return;
            }
        }
        if (length > RtspMethod.MAX_LENGTH) {
            throw fail(RtspStatus.BAD_REQUEST, "method is not a token");
        }
    }

    private Optional<RtspMessage> line(int lf) throws RtspParseException {
        int from = lineStart;
        int to = lf > from && buf[lf - 1] == CR ? lf - 1 : lf;
        lineStart = lf + 1;
        scan = lf + 1;
        if (phase == Phase.START_LINE) {
            if (to - from > limits.maxStartLine()) {
                lineStart = from;
                checkMethodSoFar(to - from); // as for a line still without its end
                throw startLineTooLong();
            }
            head.start(RtspSyntax.parseStartLine(text(from, to)));
            phase = Phase.HEADERS;
            return Optional.empty();
        }
        if (to == from) { // the blank line ends the head (RFC 2326 §4)
            if (head.contentLength() > 0) {
                phase = Phase.BODY;
                bodyStart = lineStart;
                return Optional.empty();
            }
            return Optional.of(complete(lineStart, NO_BODY));
        }
        String text = text(from, to);
        if (!RtspHead.isFieldLine(text)) {
            if (head.mayEndHere() && RtspSyntax.isStartLine(text)) {
                // A classic message without its blank line, and the next one already here.
                lineStart = from;
                scan = from;
                return Optional.of(complete(from, NO_BODY));
            }
            throw fail(RtspStatus.BAD_REQUEST, "header line is not 'name: value'");
        }
        head.countLine(lf + 1 - from);
        head.addLine(text);
        return Optional.empty();
    }

    private Optional<RtspMessage> body() {
        if (end - bodyStart < head.contentLength()) {
            return Optional.empty();
        }
        int bodyEnd = bodyStart + head.contentLength();
        return Optional.of(complete(bodyEnd, Arrays.copyOfRange(buf, bodyStart, bodyEnd)));
    }

    private RtspMessage complete(int messageEnd, byte[] body) {
        RtspMessage message = head.toMessage(body);
        pos = messageEnd;
        phase = Phase.START;
        return message;
    }

    /** True when idle may end the pending head here, its last line (if any) taken as complete. */
    private boolean tailCompletable() {
        if (failure != null || phase != Phase.HEADERS) {
            return false;
        }
        int to = end > lineStart && buf[end - 1] == CR ? end - 1 : end;
        return to == lineStart ? head.mayEndHere() : head.mayEndAfter(text(lineStart, to));
    }

    /** True when the line being read starts like a status line ({@code RTSP/}). */
    private boolean isStatusLine() {
        String prefix = RtspSyntax.STATUS_LINE_PREFIX;
        if (end - lineStart < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[lineStart + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private RtspParseException startLineTooLong() {
        return isStatusLine()
                ? fail(RtspStatus.BAD_REQUEST, "status line longer than " + limits.maxStartLine() + " bytes")
                : fail(RtspStatus.REQUEST_URI_TOO_LARGE, "request line longer than " + limits.maxStartLine() + " bytes");
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
