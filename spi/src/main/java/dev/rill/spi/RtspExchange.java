package dev.rill.spi;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** One request in its context: who sent it, what it names, and the session it belongs to. */
public interface RtspExchange {

    RtspRequest request();

    /** The address of the peer that sent the request. */
    InetSocketAddress peer();

    /** The server's address on this connection. */
    InetSocketAddress local();

    /**
     * The mount the request target names, resolved by the server (with any track suffix such as
     * {@code /trackID=0} removed); empty when the target names nothing served.
     */
    Optional<Mount> mount();

    /** The session the request's Session header names, when it names a live one. */
    Optional<SessionInfo> session();

    /** Every method the server answers, for {@code Public}. */
    List<RtspMethod> methods();
}
