package dev.rill.plugin.mjpeg;

import java.util.OptionalDouble;

/**
 * The config of an {@code "mjpeg-sample"} mount's source, e.g.
 * {@code {"type": "mjpeg-sample", "loop": true}}. Both keys are optional: boxed so that the
 * server's JSON binding can leave them out. A missing {@code loop} becomes false; a missing
 * {@code fps} stays {@code null}: read it through {@link #frameRate()}.
 *
 * @param fps  frames per second, in (0, 240]; default 20, the rate the clip's timecode counts at
 * @param loop whether playback starts again at frame 0 after the last frame; default false
 */
public record SampleClipConfig(Double fps, Boolean loop) {

    public SampleClipConfig {
        MjpegFileConfig.checkFps(fps);
        loop = loop != null && loop;
    }

    /** {@code fps} if the config gave it. */
    public OptionalDouble frameRate() {
        return fps == null ? OptionalDouble.empty() : OptionalDouble.of(fps);
    }
}
