package dev.rill.bench;

import java.io.IOException;

/** An HTTP MJPEG stream that is not what a viewer can read; the message says what was wrong. */
final class HttpStreamException extends IOException {
    HttpStreamException(String message) {
        super(message);
    }
}
