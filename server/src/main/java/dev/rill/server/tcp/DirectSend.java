package dev.rill.server.tcp;

import java.io.IOException;

/**
 * A connection's non-blocking send: what the kernel takes now, never a wait. Any thread may call
 * it; calls are serialised, and {@link #close} waits only for a call in progress (microseconds).
 */
public interface DirectSend extends AutoCloseable {

    /**
     * Makes the connection's own handle on its socket, on the connection's thread while the socket
     * is surely open (a handle taken later from another thread could name a socket that was closed
     * and whose number went to a new connection). Until then, and after {@link #close}, every send
     * takes nothing.
     */
    void open() throws IOException;

    /**
     * Sends as much of {@code bytes[offset, offset + length)} as the socket's buffer takes now.
     *
     * @return bytes taken, 0 when the buffer is full or the handle is not open, -1 when the
     *         connection failed (the caller's writer finds out why on its own write)
     */
    int send(byte[] bytes, int offset, int length);

    /** Closes this handle (not the connection's socket); later sends take nothing. Idempotent. */
    @Override
    void close();
}
