package dev.rill.bench;

import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.VideoSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * The pictures the publisher sends, made once before it starts: {@code count} baseline JPEGs
 * (ImageIO: 4:2:0, standard Huffman tables) each showing its number in large seven-segment
 * digits over a fixed noise texture and a moving bar (drawn with rectangles, so no font is
 * needed), cut into RFC 2435 payloads by the {@code JPEG} payload format found with
 * ServiceLoader (the server's own payloader: type 1, Q = 255 with the tables in-band), and the
 * {@link ScanHash} of each, computed from those payloads exactly as a viewer computes it.
 *
 * @param frames the payloads of each picture, in sending order
 * @param hashes each picture's scan hash, all different
 * @param bytes  JPEG bytes of all pictures together
 */
record PublishedCycle(List<List<PayloadFragment>> frames, long[] hashes, VideoSize size, long bytes) {

    /** The publisher's packets are no larger than the server's default (rtp.maxPacketSize 1,400). */
    static final int MAX_PAYLOAD = 1400 - RtpHeader.LENGTH;
    /** Noise amplitude of the texture: frames about as large as a webcam's at quality 0.75. */
    private static final int TEXTURE_DETAIL = 10;
    /** Seven-segment layout: which of segments a..g each digit lights. */
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    static PublishedCycle make(VideoSize size, int count, float quality) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("publish cycle must have 1..100000 pictures: " + count);
        }
        RtpPayloadFormat format = ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RtpPayloadFormat named JPEG on the class path"
                        + " (rill-plugin-mjpeg)"));
        Payloader payloader = format.payloader(new Pictures(size), MAX_PAYLOAD);
        List<List<PayloadFragment>> frames = new ArrayList<>(count);
        long[] hashes = new long[count];
        long bytes = 0;
        ScanHash scan = new ScanHash();
        List<byte[]> jpegs = jpegs(size, count, quality);
        for (int i = 0; i < count; i++) {
            byte[] jpeg = jpegs.get(i);
            bytes += jpeg.length;
            List<PayloadFragment> fragments = payloader.payload(new Frame(i, jpeg));
            if (fragments.isEmpty()) {
                throw new IllegalStateException("the JPEG payload format refused picture " + i + " of " + size);
            }
            boolean whole = false;
            for (PayloadFragment f : fragments) {
                whole = scan.payload(f.payload(), f.marker());
            }
            if (!whole) {
                throw new IllegalStateException("picture " + i + "'s own payloads do not hash as one frame");
            }
            hashes[i] = scan.hash();
            frames.add(fragments);
        }
        return new PublishedCycle(List.copyOf(frames), hashes, size, bytes);
    }

    int count() {
        return frames.size();
    }

    /** The cycle's pictures as JPEG files' bytes, picture i showing the number i. */
    static List<byte[]> jpegs(VideoSize size, int count, float quality) {
        int w = size.width();
        int h = size.height();
        int[] texture = new int[w * h];
        Random random = new Random(2435);
        for (int i = 0; i < texture.length; i++) {
            int x = i % w;
            int y = i / w;
            int n = random.nextInt(2 * TEXTURE_DETAIL + 1) - TEXTURE_DETAIL;
            texture[i] = (clamp(40 + 160 * x / w + n) << 16) | (clamp(40 + 160 * y / h + n) << 8) | clamp(110 + n);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        List<byte[]> jpegs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            draw(image, texture, i, count);
            jpegs.add(TestJpegs.encode(image, quality));
        }
        return jpegs;
    }

    private static void draw(BufferedImage image, int[] texture, int index, int count) {
        int w = image.getWidth();
        int h = image.getHeight();
        image.setRGB(0, 0, w, h, texture, 0, w);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(230, 60, 40));
            int barWidth = Math.max(2, w / 16);
            g.fillRect((int) ((long) (w - barWidth) * index / Math.max(1, count - 1)), 0, barWidth, h);
            String digits = Integer.toString(index);
            int digitWidth = Math.max(6, Math.min(w / (digits.length() + 1), h / 2));
            int digitHeight = digitWidth * 2 - digitWidth / 4;
            int x = (w - digits.length() * digitWidth) / 2;
            int y = (h - digitHeight) / 2;
            g.setColor(Color.WHITE);
            for (char c : digits.toCharArray()) {
                digit(g, c - '0', x + digitWidth / 8, y, digitWidth * 3 / 4, digitHeight);
                x += digitWidth;
            }
        } finally {
            g.dispose();
        }
    }

    private static void digit(Graphics2D g, int d, int x, int y, int w, int h) {
        int t = Math.max(2, w / 6);
        int half = h / 2;
        int s = SEGMENTS[d];
        if ((s & 0x01) != 0) g.fillRect(x, y, w, t);                        // a: top
        if ((s & 0x02) != 0) g.fillRect(x + w - t, y, t, half);             // b: upper right
        if ((s & 0x04) != 0) g.fillRect(x + w - t, y + half, t, h - half);  // c: lower right
        if ((s & 0x08) != 0) g.fillRect(x, y + h - t, w, t);                // d: bottom
        if ((s & 0x10) != 0) g.fillRect(x, y + half, t, h - half);          // e: lower left
        if ((s & 0x20) != 0) g.fillRect(x, y, t, half);                     // f: upper left
        if ((s & 0x40) != 0) g.fillRect(x, y + half - t / 2, w, t);         // g: middle
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** What the payloader is told about the frames' source. */
    private record Pictures(VideoSize size) implements MediaSource {
        @Override
        public String encoding() {
            return "JPEG";
        }

        @Override
        public OptionalDouble nominalFrameRate() {
            return OptionalDouble.empty();
        }

        @Override
        public Optional<VideoSize> videoSize() {
            return Optional.of(size);
        }

        @Override
        public String describe() {
            return "rill-bench publisher " + size;
        }
    }
}
