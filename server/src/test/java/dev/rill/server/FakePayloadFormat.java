package dev.rill.server;

import dev.rill.spi.Depayloader;
import dev.rill.spi.Frame;
import dev.rill.spi.MediaSource;
import dev.rill.spi.PayloadFragment;
import dev.rill.spi.Payloader;
import dev.rill.spi.RtpPayloadFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only payload format, {@value #NAME}: a frame's bytes cut into pieces of at most the
 * payload size, in order, the marker on the last. No header of its own, so a test can put the
 * frame back together by concatenating payloads. Registered for {@code ServiceLoader} so that
 * test sources of this encoding can be mounted.
 */
public final class FakePayloadFormat implements RtpPayloadFormat {

    static final String NAME = "X-UNIT";
    static final int PAYLOAD_TYPE = 96;
    static final int CLOCK_RATE = 90_000;

    private final String name;

    public FakePayloadFormat() {
        this(NAME);
    }

    /** The same format under another name. */
    FakePayloadFormat(String name) {
        this.name = name;
    }

    /** The payloader of this format: pieces of at most {@code maxPayloadSize} bytes. */
    static Payloader splitting(int maxPayloadSize) {
        return frame -> {
            ByteBuffer data = frame.data();
            List<PayloadFragment> fragments = new ArrayList<>();
            for (int at = 0; at < data.limit(); at += maxPayloadSize) {
                int end = Math.min(data.limit(), at + maxPayloadSize);
                fragments.add(new PayloadFragment(data.slice(at, end - at), end == data.limit()));
            }
            return fragments;
        };
    }

    /** A payloader that throws for every frame: a plugin bug. */
    static Payloader throwing() {
        return (Frame frame) -> {
            throw new IllegalStateException("this payloader always fails");
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String encoding() {
        return NAME;
    }

    @Override
    public int payloadType() {
        return PAYLOAD_TYPE;
    }

    @Override
    public int clockRate() {
        return CLOCK_RATE;
    }

    @Override
    public Payloader payloader(MediaSource source, int maxPayloadSize) {
        return splitting(maxPayloadSize);
    }

    @Override
    public Depayloader depayloader() {
        throw new UnsupportedOperationException(NAME + " is only ever sent");
    }
}
