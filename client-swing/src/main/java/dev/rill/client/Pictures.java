package dev.rill.client;

import java.awt.Image;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.awt.image.PixelGrabber;
import java.util.Optional;

/**
 * JPEG decoding for display. Not {@code ImageIO}: it takes a three-component JPEG without a JFIF
 * or Adobe marker whose component ids are 0, 1, 2 (the course's original frames) for RGB and
 * shows it in teal. The AWT toolkit's decoder takes such frames for YCbCr, as libjpeg and every
 * player does. Works headless too: decoding needs no display.
 */
final class Pictures {

    /** Longest a frame may take to decode before it is given up on. */
    static final long DECODE_TIMEOUT_MILLIS = 2_000;

    private Pictures() {
    }

    /** The picture, or empty when the bytes are not a JPEG the decoder can read. */
    static Optional<BufferedImage> decode(byte[] jpeg) {
        Image image = Toolkit.getDefaultToolkit().createImage(jpeg);
        PixelGrabber grabber = new PixelGrabber(image, 0, 0, -1, -1, true);
        try {
            if (!grabber.grabPixels(DECODE_TIMEOUT_MILLIS)
                    || (grabber.getStatus() & (java.awt.image.ImageObserver.ABORT | java.awt.image.ImageObserver.ERROR)) != 0) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            image.flush();
        }
        int width = grabber.getWidth();
        int height = grabber.getHeight();
        if (width <= 0 || height <= 0 || !(grabber.getPixels() instanceof int[] pixels)) {
            return Optional.empty();
        }
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, width, height, pixels, 0, width);
        return Optional.of(picture);
    }
}
