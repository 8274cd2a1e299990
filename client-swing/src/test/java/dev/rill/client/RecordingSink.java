package dev.rill.client;

import dev.rill.spi.ReceivedFrame;
import java.util.ArrayList;
import java.util.List;

/** A frame sink that keeps what it was shown, for tests. Thread-safe. */
final class RecordingSink implements FrameSink {

    private final List<byte[]> frames = new ArrayList<>();
    private int clears;

    @Override
    public synchronized void show(ReceivedFrame frame) {
        frames.add(frame.data());
    }

    @Override
    public synchronized void clear() {
        clears++;
    }

    synchronized int count() {
        return frames.size();
    }

    synchronized List<byte[]> since(int index) {
        return new ArrayList<>(frames.subList(index, frames.size()));
    }

    synchronized int clears() {
        return clears;
    }
}
