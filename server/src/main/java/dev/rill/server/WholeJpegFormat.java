package dev.rill.server;

import dev.rill.spi.Depayloader;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The server's own format for HTTP viewers: each frame's JPEG whole, as the source gave it, in one
 * fragment of any size. It lets the prefetch stage read a frame once for every HTTP viewer of a
 * source as it does for RTSP sessions. Never registered with {@link java.util.ServiceLoader}, so no
 * RTSP session can choose it.
 */
final class WholeJpegFormat implements RtpPayloadFormat {

    static final String NAME = "JPEG-whole";
    static final WholeJpegFormat INSTANCE = new WholeJpegFormat();

    private WholeJpegFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String encoding() {
        return "JPEG";
    }

    @Override
    public int payloadType() {
        return 26;
    }

    @Override
    public int clockRate() {
        return 90_000;
    }

    /** Ignores {@code maxPayloadSize}: the fragment never goes into a datagram. */
    @Override
    public Payloader payloader(MediaSource source, int maxPayloadSize) {
        return frame -> List.of(new PayloadFragment(frame.data(), true));
    }

    @Override
    public Depayloader depayloader() {
        throw new UnsupportedOperationException(NAME + " is the server's own format for HTTP viewers; nothing receives it");
    }

    /**
     * The JPEG of a frame prepared in this format (a copy: one frame per viewer at a time); empty
     * for a frame that could not be read.
     */
    static byte[] jpeg(PreparedFrame frame) {
        if (frame.fragments().isEmpty()) {
            return new byte[0];
        }
        ByteBuffer b = frame.fragments().getFirst().payload().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
