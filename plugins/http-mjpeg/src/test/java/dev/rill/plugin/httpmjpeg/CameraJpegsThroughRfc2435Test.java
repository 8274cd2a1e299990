package dev.rill.plugin.httpmjpeg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Frame;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the server does with this source's frames, without the server: camera JPEGs that RFC 2435
 * cannot carry as they are (4:4:4, progressive, optimised Huffman tables, as ESP32 boards and
 * ffmpeg's mpjpeg write them) pass through this source untouched and are re-encoded by the JPEG
 * payload format's payloader (the server's live feed calls it once per frame and shares the
 * packets with every viewer); what an RTSP viewer's depayloader rebuilds from the packets decodes
 * to the camera's picture.
 */
class CameraJpegsThroughRfc2435Test {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String METADATA_FORMAT = "javax_imageio_jpeg_image_1.0";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch end = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        end.countDown();
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** The kinds of camera frame RFC 2435 cannot carry as they are. */
    private enum Kind { FULL_CHROMA, PROGRESSIVE, OPTIMISED_HUFFMAN }

    private static BufferedImage picture(int seed) {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 255 / 159) << 16 | (y * 255 / 119) << 8 | (seed * 40 & 0xFF));
            }
        }
        return image;
    }

    private static byte[] jpeg(BufferedImage picture, Kind kind) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            JPEGImageWriteParam param = new JPEGImageWriteParam(null);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            param.setOptimizeHuffmanTables(kind == Kind.OPTIMISED_HUFFMAN);
            if (kind == Kind.PROGRESSIVE) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(picture), param);
            if (kind == Kind.FULL_CHROMA) {
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(METADATA_FORMAT);
                IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
                luma.setAttribute("HsamplingFactor", "1");
                luma.setAttribute("VsamplingFactor", "1");
                metadata.setFromTree(METADATA_FORMAT, root);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(picture, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static RtpPayloadFormat jpegFormat() {
        return ServiceLoader.load(RtpPayloadFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("JPEG")).findFirst()
                .orElseThrow(() -> new AssertionError("the JPEG payload format is not on the test class path"));
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    @Test
    void fullChromaProgressiveAndOptimisedFramesAreReencodedOncePerFrameAndDecodeAtTheViewer() throws Exception {
        List<byte[]> sent = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            pictures.add(picture(n));
            sent.add(jpeg(pictures.get(n), Kind.values()[n % Kind.values().length]));
        }
        FakeCamera camera = FakeCamera.start(FakeCamera.Format.ESP32, (connection, out) -> {
            out.head();
            for (byte[] jpeg : sent) {
                out.part(jpeg);
            }
            out.delimiter();
            end.await();
        });
        open.add(camera);
        HttpMjpegSource source = new HttpMjpegSource(HttpMjpegConfig.of(camera.url()));
        open.add(source);
        source.start(received::add);
        await().atMost(WAIT).until(() -> received.size() == sent.size());

        RtpPayloadFormat format = jpegFormat();
        Payloader payloader = format.payloader(source, 1400);
        Depayloader depayloader = format.depayloader();
        int sequence = 0;
        for (int n = 0; n < sent.size(); n++) {
            Frame frame = received.get(n);
            assertArrayEquals(sent.get(n), frame.bytes(), "the source hands the camera's bytes on untouched");
            List<PayloadFragment> fragments = payloader.payload(frame);
            assertFalse(fragments.isEmpty(), "frame " + n + " (" + Kind.values()[n % 3] + ") is carried");
            byte[] first = bytes(fragments.getFirst());
            assertEquals(1, first[4], "type 1: re-encoded to 4:2:0 with the standard Huffman tables");
            Optional<ReceivedFrame> rebuilt = Optional.empty();
            for (PayloadFragment fragment : fragments) {
                rebuilt = depayloader.push(new RtpPacket(fragment.marker(), 26, sequence++, 9000L * n, 7, bytes(fragment)));
            }
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(rebuilt.orElseThrow().data()));
            assertNotNull(shown, "frame " + n + " decodes at the viewer");
            assertEquals(160, shown.getWidth());
            assertEquals(120, shown.getHeight());
            double difference = meanDifference(pictures.get(n), shown);
            assertTrue(difference < 6, "frame " + n + " is the camera's picture: mean difference " + difference);
        }
        assertEquals(0, depayloader.framesDropped());
    }

    private static byte[] bytes(PayloadFragment fragment) {
        byte[] out = new byte[fragment.size()];
        fragment.payload().duplicate().get(out);
        return out;
    }
}
