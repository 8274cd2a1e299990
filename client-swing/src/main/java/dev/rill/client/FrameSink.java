package dev.rill.client;

import dev.rill.spi.ReceivedFrame;

/** Where frames go at their presentation time: the window's video area, or files in headless mode. */
interface FrameSink {

    /** Called on the playout thread, in presentation order; must not block for long. */
    void show(ReceivedFrame frame);

    /** Playback went back to the start (Stop): forget the picture. */
    default void clear() {
    }
}
