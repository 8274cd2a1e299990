package dev.rill.plugin.rtsppull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.plugin.rtsppull.UpstreamUrl.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Basic and Digest toward an upstream that answers 401: against a scripted RTSP server, and RFC 2617's example. */
class AuthenticationTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 26\r\na=control:track1\r\n";
    private static final String PASSWORD = "s3cret:p@ss";

    ScriptedUpstream upstream;

    @AfterEach
    void end() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Answers 401 with {@code challenge} until a request carries an Authorization that {@code valid} accepts. */
    private void serve(String challenge, java.util.function.Predicate<ScriptedUpstream.Request> valid) throws IOException {
        upstream = new ScriptedUpstream((r, c) -> {
            if (!valid.test(r)) {
                return "RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: " + challenge;
            }
            return switch (r.method()) {
                case "OPTIONS" -> "RTSP/1.0 200 OK\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN";
                case "DESCRIBE" -> "RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Base: "
                        + upstream.base("/stream1/") + "\r\n\r\n" + SDP;
                default -> "RTSP/1.0 405 Method Not Allowed";
            };
        });
    }

    private UpstreamSession connect(String userInfo) throws IOException {
        return UpstreamSession.connect(UpstreamUrl.parse(upstream.url(userInfo, "/stream1")), Duration.ofSeconds(5));
    }

    @Test
    void answersADigestChallengeWithQopAuth() throws IOException {
        serve("Digest realm=\"cam\", nonce=\"n0nce\", qop=\"auth,auth-int\", opaque=\"op\"", r -> digestValid(r, "cam", "n0nce"));
        try (UpstreamSession session = connect("admin:s3cret%3Ap%40ss@")) {
            session.describe();
        }
        List<ScriptedUpstream.Request> sent = upstream.requests;
        assertEquals(List.of("OPTIONS", "OPTIONS", "DESCRIBE"), sent.stream().map(ScriptedUpstream.Request::method).toList());
        assertEquals("", sent.get(0).header("Authorization"), "no credentials before the challenge");
        Map<String, String> first = Authenticator.parse(sent.get(1).header("Authorization")).orElseThrow().parameters();
        Map<String, String> second = Authenticator.parse(sent.get(2).header("Authorization")).orElseThrow().parameters();
        assertEquals("admin", first.get("username"));
        assertEquals(upstream.base("/stream1"), first.get("uri"), "the request URL, without user-info");
        assertEquals("00000001", first.get("nc"));
        assertEquals("00000002", second.get("nc"), "the nonce count rises");
        assertEquals("op", second.get("opaque"));
        for (ScriptedUpstream.Request r : sent) {
            assertFalse(r.text().contains("s3cret"), "the password never goes on the wire: " + r.text());
            assertFalse(r.url().contains("admin"), "no user-info in request URLs");
        }
    }

    @Test
    void answersABasicChallenge() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        serve("Basic realm=\"cam\"", r -> r.header("Authorization").equals(expected));
        try (UpstreamSession session = connect("admin:s3cret%3Ap%40ss@")) {
            session.describe();
        }
        assertEquals(expected, upstream.requests.get(upstream.requests.size() - 1).header("Authorization"));
    }

    @Test
    void prefersDigestWhenBothAreOffered() {
        Authenticator a = new Authenticator(new Credentials("u", "p"), () -> "c");
        assertTrue(a.challenged(List.of("Basic realm=\"x\"", "Digest realm=\"x\", nonce=\"y\"")));
        assertEquals("digest", a.scheme().orElseThrow());
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() throws IOException {
        serve("Digest realm=\"cam\", nonce=\"n0nce\", qop=\"auth\"", r -> false);
        try (UpstreamSession session = connect("admin:s3cret%3Ap%40ss@")) {
            IOException e = assertThrows(IOException.class, session::describe);
            assertTrue(e.getMessage().contains("refused the credentials of user 'admin'"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void aChallengeWithoutCredentialsInTheUrlFails() throws IOException {
        serve("Basic realm=\"cam\"", r -> false);
        try (UpstreamSession session = connect("")) {
            IOException e = assertThrows(IOException.class, session::describe);
            assertTrue(e.getMessage().contains("401"), e.getMessage());
        }
    }

    /** RFC 2617 §3.5's example (HTTP's, as RTSP uses it): the response digest it gives. */
    @Test
    void digestMatchesRfc2617sExample() {
        Authenticator a = new Authenticator(new Credentials("Mufasa", "Circle Of Life"), () -> "0a4f113b");
        assertTrue(a.challenged(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")));
        Map<String, String> p = Authenticator.parse(a.authorization("GET", "/dir/index.html").orElseThrow())
                .orElseThrow().parameters();
        assertEquals("6629fae49393a05397450978507c4ef1", p.get("response"));
        assertEquals("00000001", p.get("nc"));
        assertEquals("auth", p.get("qop"));
    }

    @Test
    void digestWithoutQopUsesRfc2069sForm() {
        Authenticator a = new Authenticator(new Credentials("u", "p"), () -> "c");
        assertTrue(a.challenged(List.of("Digest realm=\"r\", nonce=\"n\"")));
        Map<String, String> p = Authenticator.parse(a.authorization("OPTIONS", "rtsp://h/s").orElseThrow())
                .orElseThrow().parameters();
        assertEquals(md5(md5("u:r:p") + ":n:" + md5("OPTIONS:rtsp://h/s")), p.get("response"));
        assertFalse(p.containsKey("nc"));
    }

    @Test
    void refusesSchemesItCannotAnswer() {
        Authenticator a = new Authenticator(new Credentials("u", "p"), () -> "c");
        assertFalse(a.challenged(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", "Bearer realm=\"r\"", "Digest realm=\"unterminated")));
        assertTrue(a.authorization("OPTIONS", "rtsp://h/").isEmpty());
    }

    private static boolean digestValid(ScriptedUpstream.Request r, String realm, String nonce) {
        String header = r.header("Authorization");
        if (!header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = Authenticator.parse(header).orElseThrow().parameters();
        String ha1 = md5(p.get("username") + ":" + realm + ":" + PASSWORD);
        String ha2 = md5(r.method() + ":" + p.get("uri"));
        String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return p.get("uri").equals(r.url()) && "auth".equals(p.get("qop")) && expected.equals(p.get("response"));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
