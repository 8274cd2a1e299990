package dev.rill.server;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a session's RTP and RTCP go. */
sealed interface RtpTarget {

    /**
     * UDP to the RTSP peer's own address (never anywhere else).
     *
     * @param rtp  the client's RTP port on the peer's address
     * @param rtcp the client's RTCP port, if it has one (the course's clients have none)
     */
    record Udp(InetSocketAddress rtp, Optional<InetSocketAddress> rtcp) implements RtpTarget {
    }

    /**
     * {@code $}-framed packets on the RTSP connection (RFC 2326 §10.12).
     *
     * @param connection the connection that set the session up
     * @param rtpChannel interleaved channel of RTP
     * @param rtcpChannel interleaved channel of RTCP
     */
    record Interleaved(RtspConnection connection, int rtpChannel, int rtcpChannel) implements RtpTarget {
    }
}
