package dev.rill.plugin.httpmjpeg;

import dev.rill.spi.MediaSource;
import dev.rill.spi.MediaSourceProvider;
import dev.rill.spi.SourceContext;

/**
 * Makes HTTP MJPEG sources: {@code "source": {"type": "http-mjpeg", "url": ...}} with an
 * {@link HttpMjpegConfig}. Opening never waits for the camera: a source that is not on demand
 * starts connecting in the background, and one that cannot connect keeps trying, so a camera
 * that is off at start-up does not stop the server.
 */
public final class HttpMjpegProvider implements MediaSourceProvider<HttpMjpegConfig> {

    /** The config's {@code "type"}. */
    public static final String TYPE = "http-mjpeg";

    public HttpMjpegProvider() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<HttpMjpegConfig> configType() {
        return HttpMjpegConfig.class;
    }

    @Override
    public MediaSource open(HttpMjpegConfig config, SourceContext context) {
        HttpMjpegSource source = new HttpMjpegSource(config);
        if (!config.onDemand()) {
            source.stayConnected();
        }
        return source;
    }
}
