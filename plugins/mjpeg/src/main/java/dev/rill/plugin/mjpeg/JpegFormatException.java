package dev.rill.plugin.mjpeg;

/** Bytes that are not a JPEG this package can read, or a JPEG it cannot decode or re-encode. */
final class JpegFormatException extends Exception {

    JpegFormatException(String message) {
        super(message);
    }

    JpegFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
