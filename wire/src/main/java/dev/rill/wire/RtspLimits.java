package dev.rill.wire;

/**
 * How much of an RTSP message a parser accepts before it answers with an error instead of
 * buffering more. Every field is a count of bytes except {@code maxHeaderFields}.
 *
 * @param maxStartLine    request or status line, without its line end (over it: 414)
 * @param maxHeaderBytes  all header lines together, line ends included (over it: 400)
 * @param maxHeaderFields number of header lines (over it: 400)
 * @param maxBody         Content-Length (over it: 413)
 */
public record RtspLimits(int maxStartLine, int maxHeaderBytes, int maxHeaderFields, int maxBody) {

    /** 4 KiB request line, 8 KiB and 64 fields of headers, 64 KiB of body. */
    public static final RtspLimits DEFAULT = new RtspLimits(4 * 1024, 8 * 1024, 64, 64 * 1024);

    public RtspLimits {
        if (maxStartLine < 16 || maxHeaderBytes < 16 || maxHeaderFields < 1 || maxBody < 0) {
            throw new IllegalArgumentException("RTSP limits too small: line " + maxStartLine + ", headers "
                    + maxHeaderBytes + " bytes / " + maxHeaderFields + " fields, body " + maxBody);
        }
    }

    /** The most bytes one message (with its line ends) can occupy under these limits. */
    public int maxMessage() {
        return maxStartLine + 2 + maxHeaderBytes + 2 + maxBody;
    }
}
