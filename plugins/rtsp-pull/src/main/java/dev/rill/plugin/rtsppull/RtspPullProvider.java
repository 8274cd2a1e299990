package dev.rill.plugin.rtsppull;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.SourceContext;
import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes {@code rtsp-pull} sources: {@code "source": {"type": "rtsp-pull", "url": ...}} with an
 * {@link RtspPullConfig}. The JPEG depayloader is the {@link RtpPayloadFormat} named
 * {@value #FORMAT}, found with this plugin's class loader (the mjpeg plugin's, on the server).
 */
public final class RtspPullProvider implements MediaSourceProvider<RtspPullConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "rtsp-pull";
    /** The payload format this source takes from the upstream (RFC 2435). */
    static final String FORMAT = "JPEG";

    public RtspPullProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<RtspPullConfig> configType() {
        return RtspPullConfig.class;
    }

    /**
     * Opens the source; unless {@code onDemand}, it connects now, in the background.
     *
     * @throws IOException when no payload format named {@value #FORMAT} is installed
     */
    @Override
    public MediaSource open(RtspPullConfig config, SourceContext context) throws IOException {
        RtpPayloadFormat format = jpeg(RtspPullProvider.class.getClassLoader()).orElseThrow(() -> new IOException(
                "rtsp-pull needs the RTP payload format " + FORMAT + " (the mjpeg plugin), and none is installed"));
        RtspPull source = new RtspPull(config, format, RtspPull.Timing.DEFAULT);
        source.begin();
        return source;
    }

    static Optional<RtpPayloadFormat> jpeg(ClassLoader loader) {
        for (ServiceLoader.Provider<RtpPayloadFormat> p : ServiceLoader.load(RtpPayloadFormat.class, loader).stream().toList()) {
            try {
                RtpPayloadFormat f = p.get();
                if (f.name().equals(FORMAT)) {
                    return Optional.of(f);
                }
            } catch (java.util.ServiceConfigurationError e) {
                // a broken format plugin: not ours to fail on
            }
        }
        return Optional.empty();
    }
}
