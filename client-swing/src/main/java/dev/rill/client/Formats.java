package dev.rill.client;

import dev.rill.spi.Depayloader;
import dev.rill.spi.ReceivedFrame;
import dev.rill.spi.RtpPacket;
import dev.rill.spi.RtpPayloadFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The payload formats on the class path (found with {@link ServiceLoader}), and the choice of a
 * depayloader for a stream: by the SDP's encoding name in the standard dialect, by the first
 * packet in the classic one.
 */
final class Formats {

    /** RFC 2435's encoding name. */
    static final String JPEG = "JPEG";
    /** The course's whole-JPEG-per-datagram format (rill-plugin-mjpeg). */
    static final String JPEG_CLASSIC = "JPEG-classic";

    private final List<RtpPayloadFormat> formats;

    private Formats(List<RtpPayloadFormat> formats) {
        this.formats = formats;
    }

    /** The formats the class loader of this class can see. */
    static Formats installed() {
        return new Formats(ServiceLoader.load(RtpPayloadFormat.class, Formats.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    /** The format registered under {@code name}, e.g. {@code JPEG}. */
    Optional<RtpPayloadFormat> named(String name) {
        return formats.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A depayloader for an SDP encoding name.
     *
     * @throws IllegalArgumentException naming the encoding when no installed format plays it
     */
    Depayloader forEncoding(String encoding) {
        return named(encoding.toUpperCase(Locale.ROOT)).map(RtpPayloadFormat::depayloader)
                .orElseThrow(() -> new IllegalArgumentException("this player cannot decode " + encoding
                        + " video (it plays " + names() + ")"));
    }

    /**
     * A depayloader that decides on the first packet: one that starts with a JPEG's SOI marker is
     * the course's whole-frame format, anything else RFC 2435 (whose payload starts with its
     * 8-byte main header, type-specific byte first, never {@code FF D8} in practice). A classic
     * request can get either: the course's servers and Rill's classic sessions send whole frames,
     * but a classic SETUP asking for TCP gets Rill's standard RFC 2435 stream.
     */
    Depayloader sniffing() {
        RtpPayloadFormat rfc2435 = named(JPEG).orElseThrow(() -> missing(JPEG));
        RtpPayloadFormat classic = named(JPEG_CLASSIC).orElseThrow(() -> missing(JPEG_CLASSIC));
        return new Depayloader() {
            private Depayloader chosen;

            @Override
            public Optional<ReceivedFrame> push(RtpPacket packet) {
                if (chosen == null) {
                    byte[] p = packet.payload();
                    boolean wholeJpeg = p.length >= 2 && (p[0] & 0xFF) == 0xFF && (p[1] & 0xFF) == 0xD8;
                    chosen = wholeJpeg ? classic.depayloader() : rfc2435.depayloader();
                }
                return chosen.push(packet);
            }

            @Override
            public long framesDropped() {
                return chosen == null ? 0 : chosen.framesDropped();
            }
        };
    }

    private IllegalStateException missing(String name) {
        return new IllegalStateException("payload format " + name + " is not installed (rill-plugin-mjpeg missing"
                + " from the class path?); installed: " + names());
    }

    private List<String> names() {
        return formats.stream().map(RtpPayloadFormat::name).toList();
    }
}
