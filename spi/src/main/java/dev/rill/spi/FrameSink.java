package dev.rill.spi;

/** Where a {@link LiveSource} hands its frames. */
@FunctionalInterface
public interface FrameSink {

    /**
     * Takes a new frame. Never blocks: the server keeps the newest frame and drops one its
     * prefetch stage has not reached yet, so a source that produces faster than the server
     * packetises loses frames, not memory.
     */
    void accept(Frame frame);
}
