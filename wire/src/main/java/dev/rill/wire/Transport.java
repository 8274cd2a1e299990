package dev.rill.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One transport specification of the Transport header (RFC 2326 §12.39), e.g.
 * {@code RTP/AVP;unicast;client_port=4588-4589} or {@code RTP/AVP/TCP;unicast;interleaved=0-1}.
 * The header may offer several, comma separated, in order of preference: {@link #parseList}.
 *
 * <p>Parsing is tolerant: white space around {@code ;}, {@code =} and {@code /} (the course's
 * clients send {@code RTP/UDP; client_port= 25000}), names and the transport protocol in any case
 * (kept in upper case), quoted values, empty parameters; parameters it does not model
 * ({@code port}, {@code source}, {@code append}, {@code layers}, extensions) are skipped.
 * {@link #format()} writes one canonical form.
 *
 * @param protocol       {@code RTP}
 * @param profile        {@code AVP}, or {@code UDP} for the course's {@code RTP/UDP}
 * @param lowerTransport {@code UDP}, {@code TCP}, or empty when the header leaves it out (which
 *                       means UDP)
 * @param multicast      true only for {@code multicast}; {@code unicast} or nothing is false
 * @param destination    {@code destination=}, an address
 * @param clientPort     {@code client_port=}, RTP and RTCP ports of the client
 * @param serverPort     {@code server_port=}, RTP and RTCP ports of the server
 * @param interleaved    {@code interleaved=}, the $-frame channels for RTP and RTCP over TCP
 * @param ssrc           {@code ssrc=}, 0..2^32-1, written as 8 hex digits
 * @param ttl            {@code ttl=}, 0..255, for multicast
 * @param mode           {@code mode=}, e.g. {@code PLAY}
 */
public record Transport(String protocol, String profile, String lowerTransport, boolean multicast,
                        Optional<String> destination, Optional<PortRange> clientPort,
                        Optional<PortRange> serverPort, Optional<PortRange> interleaved,
                        Optional<Long> ssrc, Optional<Integer> ttl, Optional<String> mode) {

    public static final String RTP = "RTP";
    public static final String AVP = "AVP";
    public static final String UDP = "UDP";
    public static final String TCP = "TCP";

    public Transport {
        checkWord("protocol", protocol, false);
        checkWord("profile", profile, false);
        checkWord("lower transport", lowerTransport, true);
        Objects.requireNonNull(destination, "destination").ifPresent(d -> checkValue("destination", d));
        Objects.requireNonNull(clientPort, "clientPort");
        Objects.requireNonNull(serverPort, "serverPort");
        Objects.requireNonNull(interleaved, "interleaved");
        Objects.requireNonNull(ssrc, "ssrc").ifPresent(s -> {
            if (s < 0 || s > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("ssrc must be 0..2^32-1: " + s);
            }
        });
        Objects.requireNonNull(ttl, "ttl").ifPresent(t -> {
            if (t < 0 || t > 255) {
                throw new IllegalArgumentException("ttl must be 0..255: " + t);
            }
        });
        Objects.requireNonNull(mode, "mode").ifPresent(m -> checkValue("mode", m));
    }

    /** {@code RTP/AVP;unicast;client_port=...}: unicast RTP over UDP to these client ports. */
    public static Transport udp(PortRange clientPort) {
        return new Transport(RTP, AVP, "", false, Optional.empty(), Optional.of(clientPort), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code RTP/AVP/TCP;unicast;interleaved=...}: RTP in $-frames on the RTSP connection. */
    public static Transport tcp(PortRange interleaved) {
        return new Transport(RTP, AVP, TCP, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(interleaved), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The transports of a Transport header value, in the client's order of preference.
     *
     * @throws IllegalArgumentException naming what could not be parsed
     */
    public static List<Transport> parseList(String headerValue) {
        List<Transport> transports = new ArrayList<>();
        for (String spec : TransportSyntax.split(headerValue, ',')) {
            if (!spec.isBlank()) {
                transports.add(parse(spec));
            }
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("Transport header has no transport: '" + headerValue + "'");
        }
        return List.copyOf(transports);
    }

    /**
     * One transport specification (no commas).
     *
     * @throws IllegalArgumentException naming what could not be parsed
     */
    public static Transport parse(String spec) {
        return TransportSyntax.parse(spec);
    }

    /** The canonical wire form, e.g. {@code RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=1A2B3C4D}. */
    public String format() {
        StringBuilder sb = new StringBuilder(64).append(protocol).append('/').append(profile);
        if (!lowerTransport.isEmpty()) {
            sb.append('/').append(lowerTransport);
        }
        sb.append(multicast ? ";multicast" : ";unicast");
        destination.ifPresent(d -> sb.append(";destination=").append(d));
        ttl.ifPresent(t -> sb.append(";ttl=").append(t));
        clientPort.ifPresent(p -> sb.append(";client_port=").append(p));
        serverPort.ifPresent(p -> sb.append(";server_port=").append(p));
        interleaved.ifPresent(p -> sb.append(";interleaved=").append(p));
        ssrc.ifPresent(s -> sb.append(";ssrc=").append(String.format(Locale.ROOT, "%08X", s)));
        mode.ifPresent(m -> sb.append(";mode=").append(m));
        return sb.toString();
    }

    /** Several transports as one header value, comma separated. */
    public static String formatList(List<Transport> transports) {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no transports to format");
        }
        return String.join(",", transports.stream().map(Transport::format).toList());
    }

    /** True when RTP goes over TCP, interleaved on the RTSP connection. */
    public boolean isTcp() {
        return TCP.equals(lowerTransport);
    }

    public Transport withClientPort(PortRange ports) {
        return new Transport(protocol, profile, lowerTransport, multicast, destination, Optional.of(ports),
                serverPort, interleaved, ssrc, ttl, mode);
    }

    public Transport withServerPort(PortRange ports) {
        return new Transport(protocol, profile, lowerTransport, multicast, destination, clientPort,
                Optional.of(ports), interleaved, ssrc, ttl, mode);
    }

    public Transport withInterleaved(PortRange channels) {
        return new Transport(protocol, profile, lowerTransport, multicast, destination, clientPort, serverPort,
                Optional.of(channels), ssrc, ttl, mode);
    }

    public Transport withSsrc(long value) {
        return new Transport(protocol, profile, lowerTransport, multicast, destination, clientPort, serverPort,
                interleaved, Optional.of(value), ttl, mode);
    }

    public Transport withDestination(String address) {
        return new Transport(protocol, profile, lowerTransport, multicast, Optional.of(address), clientPort,
                serverPort, interleaved, ssrc, ttl, mode);
    }

    public Transport withMode(String value) {
        return new Transport(protocol, profile, lowerTransport, multicast, destination, clientPort, serverPort,
                interleaved, ssrc, ttl, Optional.of(value));
    }

    private static void checkWord(String what, String value, boolean mayBeEmpty) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() ? !mayBeEmpty : !value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || c == '-' || c == '_' || c == '.')) {
            throw new IllegalArgumentException(what + " must be a word of letters and digits: '" + value + "'");
        }
    }

    private static void checkValue(String what, String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ';' || c == ',' || c == '"')) {
            throw new IllegalArgumentException(what + " must be non-empty, without spaces, ';', ',' or quotes: '"
                    + value + "'");
        }
    }
}
