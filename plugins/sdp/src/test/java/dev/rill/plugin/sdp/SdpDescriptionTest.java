package dev.rill.plugin.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class SdpDescriptionTest {

    private static final long VERSION = 3_950_000_000L;

    private static long crc(String path) {
        CRC32 crc = new CRC32();
        crc.update(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Test
    void storedSourceHasItsLengthAsRange() {
        String expected = "v=0\r\n"
                + "o=- " + crc("/movie.Mjpeg") + " 3950000000 IN IP4 127.0.0.1\r\n"
                + "s=/movie.Mjpeg\r\n"
                + "i=Rill: movie.Mjpeg\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:Rill\r\n"
                + "a=type:broadcast\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=0-25.000\r\n"
                + "m=video 0 RTP/AVP 26\r\n"
                + "a=rtpmap:26 JPEG/90000\r\n"
                + "a=framerate:20\r\n"
                + "a=control:trackID=0\r\n";
        assertEquals(expected, SdpDescription.of(Fakes.storedMount(), Fakes.LOCAL, VERSION).render());
    }

    @Test
    void liveSourceRangeStartsNow() {
        String expected = "v=0\r\n"
                + "o=- " + crc("/cam") + " 3950000000 IN IP4 127.0.0.1\r\n"
                + "s=/cam\r\n"
                + "i=Rill: test pattern\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:Rill\r\n"
                + "a=type:broadcast\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=now-\r\n"
                + "m=video 0 RTP/AVP 26\r\n"
                + "a=rtpmap:26 JPEG/90000\r\n"
                + "a=framerate:29.97\r\n"
                + "a=control:trackID=0\r\n";
        assertEquals(expected, SdpDescription.of(Fakes.liveMount(), Fakes.LOCAL, VERSION).render());
    }

    @Test
    void sourceWithoutANominalRateHasNoFramerateLine() {
        Mount mount = new Mount("/cam", new Fakes.Live("camera", OptionalDouble.empty()), Fakes.JPEG);
        String expected = "v=0\r\n"
                + "o=- " + crc("/cam") + " 1 IN IP4 127.0.0.1\r\n"
                + "s=/cam\r\n"
                + "i=Rill: camera\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:Rill\r\n"
                + "a=type:broadcast\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=now-\r\n"
                + "m=video 0 RTP/AVP 26\r\n"
                + "a=rtpmap:26 JPEG/90000\r\n"
                + "a=control:trackID=0\r\n";
        assertEquals(expected, SdpDescription.of(mount, Fakes.LOCAL, 1).render());
    }

    @Test
    void storedSourceRangeIsItsDurationWhateverItsRate() {
        Mount mount = new Mount("/v", new Fakes.Stored("v", OptionalDouble.empty(), Duration.ofMillis(61_250)), Fakes.JPEG);
        String sdp = SdpDescription.of(mount, Fakes.LOCAL, 1).render();
        assertTrue(sdp.contains("\r\na=range:npt=0-61.250\r\n"), sdp);
        assertFalse(sdp.contains("a=framerate"), sdp);
    }

    @Test
    void sourceNeitherStoredNorLiveIsRefusedNamingTheMount() {
        MediaSource neither = new MediaSource() {
            @Override
            public String encoding() {
                return "JPEG";
            }

            @Override
            public OptionalDouble nominalFrameRate() {
                return OptionalDouble.of(20);
            }

            @Override
            public String describe() {
                return "odd";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdpDescription.of(new Mount("/odd", neither, Fakes.JPEG), Fakes.LOCAL, 1));
        assertTrue(e.getMessage().contains("/odd"), e.getMessage());
    }

    @Test
    void sessionIdIsStableForOneMount() {
        String first = SdpDescription.of(Fakes.storedMount(), Fakes.LOCAL, 1).render();
        String again = SdpDescription.of(Fakes.storedMount(), new InetSocketAddress("127.0.0.1", 9000), 1).render();
        assertEquals(first, again);
    }

    @Test
    void ipv6LocalAddressGivesIp6OriginAndConnection() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("::1"), 8554);
        String sdp = SdpDescription.of(Fakes.storedMount(), local, 1).render();
        assertTrue(sdp.contains(" 1 IN IP6 0:0:0:0:0:0:0:1\r\n"), sdp);
        assertTrue(sdp.contains("\r\nc=IN IP6 ::\r\n"), sdp);
    }

    @Test
    void rangeEndIsTruncatedToTheMillisecond() {
        Mount mount = new Mount("/m", Fakes.stored("m", 30, 500), Fakes.JPEG); // 16.6666... s
        assertTrue(SdpDescription.of(mount, Fakes.LOCAL, 1).render().contains("a=range:npt=0-16.666\r\n"));
    }

    @Test
    void frameRateUsesAPointWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("12.5", SdpDescription.decimal(12.5));
            assertEquals("7.143", SdpDescription.decimal(50.0 / 7));
            assertEquals("25", SdpDescription.decimal(25.0));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void lineBreaksInTheSourceNameCannotStartNewLines() {
        Mount mount = new Mount("/m", Fakes.stored("evil\r\na=x", 20, 1), Fakes.JPEG);
        String sdp = SdpDescription.of(mount, Fakes.LOCAL, 1).render();
        assertTrue(sdp.contains("\r\ni=Rill: evil  a=x\r\n"), sdp);
    }

    @Test
    void nonPositiveFrameRateIsRefusedNamingIt() {
        Mount mount = new Mount("/m", new Fakes.Live("m", OptionalDouble.of(0)), Fakes.JPEG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdpDescription.of(mount, Fakes.LOCAL, 1));
        assertTrue(e.getMessage().contains("frame rate"), e.getMessage());
    }

    @Test
    void bodyBytesAreTheUtf8Text() {
        SdpDescription sdp = SdpDescription.of(Fakes.storedMount(), Fakes.LOCAL, 1);
        assertEquals(sdp.render(), new String(sdp.bytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
