package dev.rill.bench;

import dev.rill.spi.VideoSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the publisher's pictures ({@link PublishedCycle#jpegs}) as numbered JPEG files, so
 * that a file mount can serve the very frames a publish run sends ({@code rill-server.jar pack
 * DIR OUT.Mjpeg} turns them into a {@code .Mjpeg}): CPU per packet of a live mount and of a
 * file mount then compare like with like.
 *
 * <pre>java -cp rill-bench.jar dev.rill.bench.WritePictures [--size 640x480] [--pictures 250] [--quality 0.75] DIR</pre>
 */
public final class WritePictures {

    private WritePictures() {
    }

    public static void main(String[] args) throws IOException {
        VideoSize size = new VideoSize(640, 480);
        int pictures = 250;
        float quality = 0.75f;
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--size" -> {
                        String[] wh = args[++i].toLowerCase(Locale.ROOT).split("x");
                        size = new VideoSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                    }
                    case "--pictures" -> pictures = Integer.parseInt(args[++i]);
                    case "--quality" -> quality = Float.parseFloat(args[++i]);
                    default -> {
                        if (args[i].startsWith("--") || dir != null) {
                            throw new IllegalArgumentException("unknown argument: " + args[i]);
                        }
                        dir = Path.of(args[i]);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("no output directory given");
            }
        } catch (RuntimeException e) {
            System.err.println("rill-bench WritePictures: " + e.getMessage());
            System.err.println("usage: WritePictures [--size WxH] [--pictures N] [--quality Q] DIR");
            System.exit(2);
            return;
        }
        Files.createDirectories(dir);
        List<byte[]> jpegs = PublishedCycle.jpegs(size, pictures, quality);
        for (int i = 0; i < jpegs.size(); i++) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "%05d.jpg", i)), jpegs.get(i));
        }
        System.out.printf(Locale.ROOT, "%d pictures of %s written to %s%n", jpegs.size(), size, dir);
    }
}
