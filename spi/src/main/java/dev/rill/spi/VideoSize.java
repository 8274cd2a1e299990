package dev.rill.spi;

/** A picture's width and height in pixels. */
public record VideoSize(int width, int height) {
    public VideoSize {
        if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("video size must be 1..65535 each: " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
