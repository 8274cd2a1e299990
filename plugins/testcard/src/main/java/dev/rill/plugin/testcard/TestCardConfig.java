package dev.rill.plugin.testcard;

/**
 * A test card mount's {@code "source"} object, e.g.
 * {@code {"type": "testcard", "width": 640, "height": 480, "fps": 25, "quality": 0.8}}.
 * Every key may be left out: a missing key binds to {@code null} and takes its default here.
 *
 * @param width   picture width in pixels, 16..2040 and a multiple of 16 (whole 4:2:0 MCUs, and
 *                RFC 2435 §3.1.5 describes at most 2040 pixels); default 320
 * @param height  picture height in pixels, same rules; default 240
 * @param fps     frames per second, in (0, 60]; {@code null} when the config gives none, and then
 *                the server's default frame rate applies ({@link #fpsOr(double)})
 * @param quality JPEG quality as ImageIO takes it, in (0, 1]; default 0.75
 */
public record TestCardConfig(Integer width, Integer height, Double fps, Double quality) {

    static final int DEFAULT_WIDTH = 320;
    static final int DEFAULT_HEIGHT = 240;
    static final double DEFAULT_QUALITY = 0.75;
    static final int MIN_DIMENSION = 16;
    /** RFC 2435 §3.1.5–6: width and height travel in units of 8 pixels in one byte. */
    static final int MAX_DIMENSION = 2040;
    /** Whole 16x16 MCUs of 4:2:0 JPEG, so no edge padding reaches the receiver. */
    static final int DIMENSION_STEP = 16;
    static final double MAX_FPS = 60;

    public TestCardConfig {
        width = width == null ? DEFAULT_WIDTH : checkDimension("width", width);
        height = height == null ? DEFAULT_HEIGHT : checkDimension("height", height);
        if (fps != null) {
            checkFps("fps", fps);
        }
        quality = quality == null ? DEFAULT_QUALITY : quality;
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
        }
    }

    /** All defaults: 320x240, the server's frame rate, quality 0.75. */
    public static TestCardConfig defaults() {
        return new TestCardConfig(null, null, null, null);
    }

    /**
     * The frame rate: {@link #fps()} when the config gives one, else {@code defaultFps}.
     *
     * @throws IllegalArgumentException naming {@code fps} when the default is above 60
     */
    public double fpsOr(double defaultFps) {
        if (fps != null) {
            return fps;
        }
        checkFps("fps (the server's default frame rate; set \"fps\" for the test card)", defaultFps);
        return defaultFps;
    }

    private static int checkDimension(String key, int value) {
        if (value < MIN_DIMENSION || value > MAX_DIMENSION || value % DIMENSION_STEP != 0) {
            throw new IllegalArgumentException(key + " must be a multiple of " + DIMENSION_STEP + " in "
                    + MIN_DIMENSION + ".." + MAX_DIMENSION + ": " + value);
        }
        return value;
    }

    private static void checkFps(String key, double value) {
        if (!(value > 0 && value <= MAX_FPS)) {
            throw new IllegalArgumentException(key + " must be in (0, " + (int) MAX_FPS + "]: " + value);
        }
    }
}
