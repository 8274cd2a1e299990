package dev.rill.plugin.mjpeg;

import dev.rill.spi.Depayloader;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;

import java.util.Optional;

/**
 * Takes each packet's payload as one whole JPEG (see {@link ClassicJpegFormat}). A payload that
 * does not run from SOI ({@code FF D8}) to EOI ({@code FF D9}) is dropped and counted: it is not
 * a picture the classic sender would have sent. Not thread-safe (one receiver feeds it).
 */
final class ClassicDepayloader implements Depayloader {

    private long framesDropped;

    @Override
    public Optional<ReceivedFrame> push(RtpPacket packet) {
        byte[] payload = packet.payload();
        if (!isWholeJpeg(payload)) {
            framesDropped++;
            return Optional.empty();
        }
        // The packet promises not to change its payload, but the frame goes to a decoder we do
        // not control: give it its own copy.
        return Optional.of(new ReceivedFrame(packet.timestamp(), payload.clone()));
    }

    @Override
    public long framesDropped() {
        return framesDropped;
    }

    private static boolean isWholeJpeg(byte[] b) {
        int n = b.length;
        return n >= MjpegIndex.MIN_FRAME_BYTES
                && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
                && (b[n - 2] & 0xFF) == 0xFF && (b[n - 1] & 0xFF) == 0xD9;
    }
}
