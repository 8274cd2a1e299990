package dev.rill.plugin.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Mount;
import dev.rill.spi.RtspHeaders;
import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspMethodHandler;
import dev.rill.spi.RtspRequest;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.SessionUse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DescribeHandlerTest {

    private final DescribeHandler handler = new DescribeHandler(7);

    private RtspResponse describe(String target, String... headers) {
        return handle(Fakes.describe(target, headers), Fakes.LOCAL);
    }

    private RtspResponse handle(RtspRequest request, InetSocketAddress local) {
        return handler.handle(new Fakes.Exchange(request, local, Optional.of(Fakes.storedMount())));
    }

    private static String contentBase(RtspResponse response) {
        return response.headers().first(RtspHeaders.CONTENT_BASE).orElseThrow();
    }

    @Test
    void answersDescribeWithoutSession() {
        assertEquals(RtspMethod.DESCRIBE, handler.method());
        assertEquals(SessionUse.NONE, handler.sessionUse());
    }

    @Test
    void targetWithoutMountGets404NamingIt() {
        RtspRequest request = Fakes.describe("rtsp://127.0.0.1:8554/nothing.Mjpeg");
        RtspResponse response = handler.handle(new Fakes.Exchange(request, Fakes.LOCAL, Optional.empty()));
        assertEquals(404, response.status().code());
        assertEquals("Not Found (nothing is served at rtsp://127.0.0.1:8554/nothing.Mjpeg)", response.status().reason());
        assertEquals(0, response.body().length);
    }

    @Test
    void okCarriesTheSdpWithItsTypeAndBase() {
        RtspResponse response = describe("rtsp://127.0.0.1:8554/movie.Mjpeg", RtspHeaders.ACCEPT, "application/sdp");
        assertEquals(200, response.status().code());
        assertEquals(Optional.of("application/sdp"), response.headers().first(RtspHeaders.CONTENT_TYPE));
        assertEquals("rtsp://127.0.0.1:8554/movie.Mjpeg/", contentBase(response));
        byte[] expected = SdpDescription.of(Fakes.storedMount(), Fakes.LOCAL, 7).bytes();
        assertArrayEquals(expected, response.body());
    }

    @Test
    void encodedResponseHasContentLengthOfTheSdp() {
        RtspResponse response = describe("rtsp://127.0.0.1:8554/movie.Mjpeg");
        String wire = new String(response.encode(), StandardCharsets.ISO_8859_1);
        assertTrue(wire.contains("\r\nContent-Length: " + response.body().length + "\r\n"), wire);
        assertTrue(wire.endsWith("\r\n\r\n" + new String(response.body(), StandardCharsets.UTF_8)), wire);
    }

    @Test
    void originAddressIsTheLocalAddress() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 554);
        RtspResponse response = handle(Fakes.describe("movie.Mjpeg"), local);
        String sdp = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(sdp.contains(" 7 IN IP4 127.0.0.2\r\n"), sdp);
    }

    @Test
    void contentBaseOfATargetWithTrailingSlashHasExactlyOne() {
        assertEquals("rtsp://127.0.0.1:8554/movie.Mjpeg/", contentBase(describe("rtsp://127.0.0.1:8554/movie.Mjpeg/")));
        assertEquals("rtsp://127.0.0.1:8554/movie.Mjpeg/", contentBase(describe("rtsp://127.0.0.1:8554/movie.Mjpeg//")));
    }

    @Test
    void contentBaseKeepsTheClientsSpellingLessQueryAndTrack() {
        assertEquals("rtsp://LOCALHOST:8554/dir/my%20movie.Mjpeg/",
                contentBase(describe("rtsp://LOCALHOST:8554/dir/my%20movie.Mjpeg?x=1")));
        assertEquals("rtsp://127.0.0.1:8554/movie.Mjpeg/",
                contentBase(describe("rtsp://127.0.0.1:8554/movie.Mjpeg/trackID=0")));
    }

    @Test
    void contentBaseOfABareNameIsBuiltFromTheLocalAddress() {
        assertEquals("rtsp://127.0.0.1:8554/movie.Mjpeg/", contentBase(describe("movie.Mjpeg")));
    }

    @Test
    void contentBaseOfABareNameOnIpv6HasTheAddressInBrackets() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("::1"), 8554);
        RtspResponse response = handle(Fakes.describe("movie.Mjpeg"), local);
        assertEquals("rtsp://[0:0:0:0:0:0:0:1]:8554/movie.Mjpeg/", contentBase(response));
    }

    @Test
    void contentBaseOfABareNameEscapesWhatAUrlCannotCarry() {
        Mount mount = new Mount("/my movie é.Mjpeg", Fakes.storedMount().source(), Fakes.JPEG);
        RtspResponse response = handler.handle(
                new Fakes.Exchange(Fakes.describe("my%20movie%20%C3%A9.Mjpeg"), Fakes.LOCAL, Optional.of(mount)));
        assertEquals("rtsp://127.0.0.1:8554/my%20movie%20%C3%A9.Mjpeg/", contentBase(response));
    }

    @Test
    void acceptRefusingSdpGets406() {
        RtspResponse response = describe("rtsp://127.0.0.1:8554/movie.Mjpeg", RtspHeaders.ACCEPT, "text/parameters");
        assertEquals(406, response.status().code());
        assertTrue(response.status().reason().startsWith("Not Acceptable ("), response.status().reason());
        assertEquals(0, response.body().length);
    }

    @Test
    void acceptOfAnyTypeGetsTheSdp() {
        assertEquals(200, describe("movie.Mjpeg", RtspHeaders.ACCEPT, "*/*").status().code());
        assertEquals(200, describe("movie.Mjpeg", RtspHeaders.ACCEPT, "application/*").status().code());
        assertEquals(200, describe("movie.Mjpeg", RtspHeaders.ACCEPT,
                "application/rtsl, application/sdp;level=-2").status().code());
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertTrue(ServiceLoader.load(RtspMethodHandler.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(h -> h instanceof DescribeHandler && h.method().equals(RtspMethod.DESCRIBE)));
    }
}
