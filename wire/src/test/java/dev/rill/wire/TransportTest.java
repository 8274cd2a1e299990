package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Transport (RFC 2326 §12.39) as wire text, both ways. */
class TransportTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=1A2B3C4D",
            "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=0000ABCD",
            "RTP/AVP/UDP;unicast;client_port=5000-5001",
            "RTP/UDP;unicast;client_port=25000",
            "RTP/AVP;multicast;destination=224.2.0.1;ttl=16;client_port=3456-3457",
            "RTP/AVP;unicast;destination=127.0.0.1;client_port=4588-4589;server_port=6256-6257;ssrc=FFFFFFFF;mode=PLAY",
            "RTP/AVP/TCP;unicast"})
    void canonicalTextSurvivesParseAndFormat(String wire) {
        assertEquals(wire, Transport.parse(wire).format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RTP/UDP; client_port= 25000                                  | RTP/UDP;unicast;client_port=25000",
            "rtp/avp/tcp;Interleaved=0-1                                 | RTP/AVP/TCP;unicast;interleaved=0-1",
            "RTP/AVP;unicast;client_port=4588-4589;mode=\"PLAY\"            | RTP/AVP;unicast;client_port=4588-4589;mode=PLAY",
            "RTP/AVP/TCP;                                                | RTP/AVP/TCP;unicast",
            "RTP/AVP;unicast;client_port=4588-4589;source=10.0.0.1;x-y=z | RTP/AVP;unicast;client_port=4588-4589",
            "RTP / AVP ; unicast ; client_port = 4588 - 4589 ; SSRC = 1a2b3c4d | RTP/AVP;unicast;client_port=4588-4589;ssrc=1A2B3C4D",
            "RTP/AVP;unicast;ssrc=ABC                                    | RTP/AVP;unicast;ssrc=00000ABC",
            "RTP/AVP;unicast;multicast                                   | RTP/AVP;multicast",
            "RTP/AVP;destination;client_port=1-2                         | RTP/AVP;unicast;client_port=1-2"})
    void tolerantInputFormatsCanonically(String wire, String canonical) {
        assertEquals(canonical, Transport.parse(wire).format());
    }

    @Test
    void parsesTheCourseClientsTransport() {
        Transport t = Transport.parseList("RTP/UDP; client_port= 25000").getFirst();
        assertEquals(new Transport("RTP", "UDP", "", false, Optional.empty(), Optional.of(PortRange.of(25000)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), t);
        assertFalse(t.isTcp());
    }

    @Test
    void parsesAlternativesInOrder() {
        List<Transport> list = Transport.parseList(
                "RTP/AVP/TCP;unicast;interleaved=0-1, RTP/AVP;unicast;client_port=4588-4589 ,RTP/AVP;multicast");
        assertEquals(3, list.size());
        assertTrue(list.get(0).isTcp());
        assertEquals(Optional.of(new PortRange(0, 1)), list.get(0).interleaved());
        assertEquals(Optional.of(new PortRange(4588, 4589)), list.get(1).clientPort());
        assertTrue(list.get(2).multicast());
        assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1,RTP/AVP;unicast;client_port=4588-4589,RTP/AVP;multicast",
                Transport.formatList(list));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ",", "RTP", "/AVP", "RTP//TCP", "RTP/AVP/TCP/X", "RTP/AVP;client_port=abc",
            "RTP/AVP;client_port", "RTP/AVP;client_port=", "RTP/AVP;ssrc=123456789", "RTP/AVP;ssrc=xyz",
            "RTP/AVP;ttl=300", "RTP/AVP;interleaved=1-0", "RTP/AVP;mode=", "RT P/AVP"})
    void rejectsUnparseableTransportNamingIt(String wire) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transport.parseList(wire));
        assertTrue(e.getMessage().contains("'" + wire.trim()) || e.getMessage().contains("Transport"), e.getMessage());
    }

    @Test
    void buildsTheServersAnswerWithCopyMethods() {
        Transport answer = Transport.udp(new PortRange(4588, 4589))
                .withServerPort(new PortRange(6256, 6257))
                .withSsrc(0x1A2B3C4DL);
        assertEquals("RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=1A2B3C4D", answer.format());
        assertEquals("RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=00000001",
                Transport.tcp(new PortRange(0, 1)).withInterleaved(new PortRange(2, 3)).withSsrc(1).format());
    }

    @Test
    void rejectsValuesThatCouldNotBeWritten() {
        Transport t = Transport.udp(PortRange.of(5000));
        assertThrows(IllegalArgumentException.class, () -> t.withSsrc(0x100000000L));
        assertThrows(IllegalArgumentException.class, () -> t.withMode("PLAY;x"));
        assertThrows(IllegalArgumentException.class, () -> t.withDestination("a b"));
        assertThrows(IllegalArgumentException.class, () -> new Transport("RTP", "", "", false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()));
    }
}
