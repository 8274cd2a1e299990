package dev.rill.plugin.rtsppull;

import dev.rill.spi.Frame;
import dev.rill.spi.FrameSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a source hands over, at most {@link #MAX} frames (the oldest go). */
final class RecordingSink implements FrameSink {

    static final int MAX = 1000;

    final List<Frame> frames = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Frame frame) {
        if (frames.size() >= MAX) {
            frames.remove(0);
        }
        frames.add(frame);
    }

    int count() {
        return frames.size();
    }
}
