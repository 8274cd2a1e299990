package dev.rill.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One HTTP request to a {@link HttpRoute} and the means to answer it. Request bodies are not
 * offered: the listener refuses requests that carry one (413). Not thread-safe: one route thread
 * uses it.
 */
public interface HttpCall {

    /** The request method, e.g. {@code GET}. */
    String method();

    /**
     * The request path as sent, still percent-encoded, e.g. {@code /stream/cams/door}: a route that
     * maps it to names decodes it once, with its own rules for what is safe.
     */
    String path();

    /** The raw query without {@code ?}; empty when there is none. */
    String query();

    /** The first value of a query parameter, percent-decoded. */
    Optional<String> parameter(String name);

    /** The first value of a request header. */
    Optional<String> header(String name);

    /** The peer's address and port. */
    InetSocketAddress peer();

    /** True when the peer is on this machine (127.0.0.0/8 or ::1). */
    default boolean fromLoopback() {
        return peer().getAddress() != null && peer().getAddress().isLoopbackAddress();
    }

    /**
     * True when the peer may see what names sessions and peers ({@code /stats}, {@code /metrics}):
     * on a server without {@code "auth"} in its config, a peer on this machine ({@link
     * #fromLoopback}); with it, a user the server has already checked for the {@code api} or
     * {@code metrics} permission before the route ran (others never reach the route).
     */
    default boolean privileged() {
        return fromLoopback();
    }

    /** Sets a response header; before {@link #respond} or {@link #stream}. */
    void setHeader(String name, String value);

    /** Answers with a whole body, sent with its {@code Content-Length}. */
    void respond(int status, String contentType, byte[] body) throws IOException;

    /**
     * Answers with a body of unknown length (chunked): the route writes it and closes the stream.
     * Writes block while the peer does not read; they throw once the peer has gone.
     */
    OutputStream stream(int status, String contentType) throws IOException;
}
