package dev.rill.server;

import dev.rill.spi.Dialect;
import dev.rill.spi.Mount;
import dev.rill.spi.RtpPayloadFormat;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.wire.SessionHeader;
import dev.rill.wire.Transport;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which RTSP a session speaks, chosen once at SETUP from the Transport the client offers, and
 * everything that follows from it: the session id's form, the Session header, how responses are
 * written, whether the session is reaped, whether it gets RTCP, its payload format and whether
 * PLAY honours Range.
 *
 * <p>The one rule for a request that names no session (OPTIONS, DESCRIBE, a SETUP that fails, a
 * request naming an unknown session): it is answered in the dialect its form implies, classic for
 * a bare file name as the target (the course's clients), standard for a URL or {@code *}. A
 * request that names a live session is answered in that session's dialect.
 */
sealed interface SessionDialect permits SessionDialect.Classic, SessionDialect.Standard {

    /** The classic dialect's payload format: one whole JPEG per datagram. */
    String CLASSIC_FORMAT = "JPEG-classic";

    /** Bytes of randomness in a standard session id (RFC 2326 §3.4 asks for unguessable ids). */
    int STANDARD_ID_BYTES = 16;

    Dialect kind();

    /** A fresh session id. */
    String newId(SecureRandom random);

    /** The Session header's value in a reply. */
    String sessionHeader(String id, int timeoutSeconds);

    /** The response as bytes on the wire. */
    byte[] encode(RtspResponse response);

    /** True when a session nobody keeps alive is ended after the session timeout. */
    boolean reaped();

    /** True when the session gets RTCP sender reports and BYE. */
    boolean rtcp();

    /** True when PLAY's Range seeks, and replies carry Range and RTP-Info. */
    boolean ranges();

    /** The payload format for a mount: the mount's own, or the classic whole-frame one. */
    Optional<RtpPayloadFormat> format(Mount mount, Extensions extensions);

    /** The first RTP sequence number. */
    int firstSequence(SecureRandom random);

    /** The RTP timestamp of media time 0. */
    long timestampBase(SecureRandom random);

    /** The dialect of a session set up with this transport. */
    static SessionDialect forTransport(Transport offer) {
        // The course's clients send "RTP/UDP; client_port= 25000": a profile of UDP, nothing after it.
        return offer.profile().equalsIgnoreCase("UDP") && offer.lowerTransport().isEmpty() ? CLASSIC : STANDARD;
    }

    /** The dialect a request that names no session is answered in: see the type's comment. */
    static SessionDialect forRequest(RtspRequest request) {
        return !request.hasAbsoluteTarget() && !request.target().equals("*") ? CLASSIC : STANDARD;
    }

    Classic CLASSIC = new Classic();
    Standard STANDARD = new Standard();

    /**
     * The course's clients: integer ids (read with {@code Integer.parseInt}), replies of exactly
     * status line, CSeq and Session with no blank line (they break on anything more; error
     * replies keep all three lines, see the README), no RTCP, no reaping (they send no
     * keep-alives and end with their connection), sequence numbers from 1 = frame numbers.
     */
    final class Classic implements SessionDialect {
        private Classic() {
        }

        @Override
        public Dialect kind() {
            return Dialect.CLASSIC;
        }

        @Override
        public String newId(SecureRandom random) {
            return Integer.toString(1 + random.nextInt(Integer.MAX_VALUE - 1));
        }

        @Override
        public String sessionHeader(String id, int timeoutSeconds) {
            return id;
        }

        @Override
        public byte[] encode(RtspResponse response) {
            if (response.body().length > 0) {
                return response.encode();
            }
            String session = response.headers().first(RtspHeaders.SESSION)
                    .map(v -> SessionHeader.parse(v).id()).orElse("0");
            String text = response.version() + " " + response.status().code() + " " + response.status().reason() + "\r\n"
                    + "CSeq: " + response.headers().first(RtspHeaders.CSEQ).orElse("0") + "\r\n"
                    + "Session: " + session + "\r\n";
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean reaped() {
            return false;
        }

        @Override
        public boolean rtcp() {
            return false;
        }

        @Override
        public boolean ranges() {
            return false;
        }

        @Override
        public Optional<RtpPayloadFormat> format(Mount mount, Extensions extensions) {
            return extensions.format(CLASSIC_FORMAT);
        }

        @Override
        public int firstSequence(SecureRandom random) {
            return 1;
        }

        @Override
        public long timestampBase(SecureRandom random) {
            return 0;
        }

        @Override
        public String toString() {
            return "classic";
        }
    }

    /** RFC 2326 / 3550 / 2435, as ffmpeg, GStreamer and VLC speak it. */
    final class Standard implements SessionDialect {
        private Standard() {
        }

        @Override
        public Dialect kind() {
            return Dialect.STANDARD;
        }

        @Override
        public String newId(SecureRandom random) {
            byte[] bytes = new byte[STANDARD_ID_BYTES];
            random.nextBytes(bytes);
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }

        @Override
        public String sessionHeader(String id, int timeoutSeconds) {
            return id + ";timeout=" + timeoutSeconds;
        }

        @Override
        public byte[] encode(RtspResponse response) {
            return response.encode();
        }

        @Override
        public boolean reaped() {
            return true;
        }

        @Override
        public boolean rtcp() {
            return true;
        }

        @Override
        public boolean ranges() {
            return true;
        }

        @Override
        public Optional<RtpPayloadFormat> format(Mount mount, Extensions extensions) {
            return Optional.of(mount.format());
        }

        @Override
        public int firstSequence(SecureRandom random) {
            return random.nextInt(0x10000);
        }

        @Override
        public long timestampBase(SecureRandom random) {
            return random.nextInt() & 0xFFFFFFFFL;
        }

        @Override
        public String toString() {
            return "standard";
        }
    }
}
