package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and permissions over real sockets: RTSP and HTTP, Basic and Digest computed here, not by the server's code. */
class AuthTest {

    static final String AUTH = "\"auth\": { \"methods\": [\"digest\", \"basic\"], \"realm\": \"Rill\", \"users\": ["
            + " { \"user\": \"viewer\", \"password\": \"secret\", \"permissions\": [ { \"action\": \"read\" } ] },"
            + " { \"user\": \"door\", \"password\": \"opensesame\", \"ips\": [\"127.0.0.1/32\", \"::1/128\"],"
            + "   \"permissions\": [ { \"action\": \"publish\", \"path\": \"/live\" }, { \"action\": \"read\", \"path\": \"/live\" } ] },"
            + " { \"user\": \"admin\", \"password\": \"root\", \"permissions\": [ { \"action\": \"api\" }, { \"action\": \"metrics\" } ] },"
            + " { \"user\": \"any\", \"permissions\": [ { \"action\": \"read\", \"path\": \"/public/*\" } ] } ] }";
    static final String MOUNTS = "\"mounts\": ["
            + " { \"path\": \"/live\", \"source\": { \"type\": \"publish\" } },"
            + " { \"path\": \"/public/cam\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true} },"
            + " { \"path\": \"/private\", \"source\": {\"type\": \"mjpeg-file\", \"file\": \"clip.Mjpeg\", \"loop\": true} } ]";
    static final String HTTP = "\"http\": {\"host\": \"127.0.0.1\", \"port\": 0},"
            + " \"listeners\": [ {\"type\": \"stats\", \"logEverySeconds\": 0} ]";

    @TempDir
    Path dir;
    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("clip.Mjpeg"), TestMedia.frames(5, 64, 48));
        server = TestServer.start(dir, MOUNTS + ", " + HTTP + ", " + AUTH);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return "rtsp://127.0.0.1:" + server.port() + path;
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(String url, int cseq, String... headers) {
        return "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: " + cseq + "\r\n" + String.join("", headers.length == 0 ? List.of()
                : List.of(String.join("\r\n", headers) + "\r\n")) + "\r\n";
    }

    static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The client's side of RFC 7616 with qop=auth, from a challenge the server sent. */
    static String digest(String challenge, String method, String uri, String user, String password) throws Exception {
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        Matcher alg = Pattern.compile("algorithm=([A-Z0-9-]+)").matcher(challenge);
        assertTrue(nonce.find() && alg.find(), challenge);
        String algorithm = alg.group(1);
        String ha1 = hex(algorithm, user + ":Rill:" + password);
        String ha2 = hex(algorithm, method + ":" + uri);
        String cnonce = "0a4f113b";
        String response = hex(algorithm, ha1 + ":" + nonce.group(1) + ":00000001:" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"Rill\", nonce=\"" + nonce.group(1) + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
    }

    @Test
    void noCredentialsGet401WithDigestSha256ThenMd5ThenBasicAndOptionsStaysOpen() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            RtspResponse r = rtsp.exchange(describe(url("/private"), 1));
            assertEquals(401, r.status().code());
            List<String> challenges = r.headers().all("WWW-Authenticate");
            assertEquals(3, challenges.size(), challenges.toString());
            assertTrue(challenges.get(0).startsWith("Digest ") && challenges.get(0).contains("algorithm=SHA-256")
                    && challenges.get(0).contains("qop=\"auth\""), challenges.get(0));
            assertTrue(challenges.get(1).startsWith("Digest ") && challenges.get(1).contains("algorithm=MD5"), challenges.get(1));
            assertTrue(challenges.get(2).startsWith("Basic realm=\"Rill\""), challenges.get(2));
            assertEquals(200, rtsp.exchange("OPTIONS " + url("/private") + " RTSP/1.0\r\nCSeq: 2\r\n\r\n").status().code());
        }
    }

    @Test
    void basicWithTheRightPasswordReadsAndWithAWrongOneGets401() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            assertEquals(200, rtsp.exchange(describe(url("/private"), 1, basic("viewer", "secret"))).status().code());
            RtspResponse wrong = rtsp.exchange(describe(url("/private"), 2, basic("viewer", "guess")));
            assertEquals(401, wrong.status().code());
            assertEquals(3, wrong.headers().all("WWW-Authenticate").size());
            assertEquals(401, rtsp.exchange(describe(url("/private"), 3, basic("nobody", "secret"))).status().code());
        }
    }

    @Test
    void digestMd5AndSha256WithTheRightPasswordReadAndWithAWrongOneGet401() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            int cseq = 1;
            for (int algorithm = 0; algorithm < 2; algorithm++) {
                // A fresh challenge each time: a client counts its requests per nonce (nc), and this one sends nc=1.
                String challenge = rtsp.exchange(describe(url("/private"), cseq++)).headers().all("WWW-Authenticate").get(algorithm);
                String right = digest(challenge, "DESCRIBE", url("/private"), "viewer", "secret");
                assertEquals(200, rtsp.exchange(describe(url("/private"), cseq++, "Authorization: " + right)).status().code(), challenge);
                challenge = rtsp.exchange(describe(url("/private"), cseq++)).headers().all("WWW-Authenticate").get(algorithm);
                String wrong = digest(challenge, "DESCRIBE", url("/private"), "viewer", "secrets");
                assertEquals(401, rtsp.exchange(describe(url("/private"), cseq++, "Authorization: " + wrong)).status().code(), challenge);
                // A response made for another method does not pass for this one.
                challenge = rtsp.exchange(describe(url("/private"), cseq++)).headers().all("WWW-Authenticate").get(algorithm);
                String other = digest(challenge, "PLAY", url("/private"), "viewer", "secret");
                assertEquals(401, rtsp.exchange(describe(url("/private"), cseq++, "Authorization: " + other)).status().code());
            }
        }
    }

    @Test
    void aNonceTheServerDidNotMakeIsRefused() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            String challenge = "Digest realm=\"Rill\", nonce=\"" + "A".repeat(43) + "\", algorithm=MD5";
            String forged = digest(challenge, "DESCRIBE", url("/private"), "viewer", "secret");
            assertEquals(401, rtsp.exchange(describe(url("/private"), 1, "Authorization: " + forged)).status().code());
        }
    }

    @Test
    void aReadOnlyUserCannotPublishAndThePublisherCan() throws Exception {
        TestPublisher viewer = new TestPublisher(server.port(), "/live");
        try {
            assertEquals(401, viewer.announce().status().code());
            RtspResponse r = viewer.requestWithBody("ANNOUNCE", url("/live"), TestPublisher.SDP, "Content-Type: application/sdp",
                    basic("viewer", "secret"));
            assertEquals(403, r.status().code());
        } finally {
            viewer.rtsp().close();
        }
        TestPublisher door = new TestPublisher(server.port(), "/live");
        try {
            String auth = basic("door", "opensesame");
            assertEquals(200, door.requestWithBody("ANNOUNCE", url("/live"), TestPublisher.SDP, "Content-Type: application/sdp", auth)
                    .status().code());
            assertEquals(200, door.request("SETUP", url("/live") + "/streamid=0",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record", auth).status().code());
            assertEquals(200, door.request("RECORD", url("/live"), "Range: npt=0.000-", auth).status().code());
        } finally {
            door.rtsp().close();
        }
    }

    @Test
    void anyoneReadsPublicPathsAndNothingElse() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            assertEquals(200, rtsp.exchange(describe(url("/public/cam"), 1)).status().code());
            assertEquals(401, rtsp.exchange(describe(url("/private"), 2)).status().code());
            // An authenticated user is held to their own permissions: admin has no read.
            assertEquals(403, rtsp.exchange(describe(url("/private"), 3, basic("admin", "root"))).status().code());
        }
    }

    @Test
    void aSessionIdOnAnotherConnectionNeedsTheSameUsersCredentials() throws Exception {
        try (RawRtsp owner = new RawRtsp(server.port()); RawRtsp other = new RawRtsp(server.port())) {
            RtspResponse setup = owner.exchange("SETUP " + url("/private") + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                    + basic("viewer", "secret") + "\r\nTransport: RTP/AVP;unicast;client_port=40000-40001\r\n\r\n");
            assertEquals(200, setup.status().code(), setup.toString());
            String session = setup.headers().first("Session").orElseThrow().split(";")[0].strip();
            for (String[] attempt : new String[][] {{"PLAY", ""}, {"TEARDOWN", ""}, {"PLAY", basic("admin", "root") + "\r\n"},
                    {"TEARDOWN", basic("door", "opensesame") + "\r\n"}}) {
                RtspResponse r = other.exchange(attempt[0] + " " + url("/private") + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + session
                        + "\r\n" + attempt[1] + "\r\n");
                assertEquals(454, r.status().code(), attempt[0] + " " + attempt[1]);
            }
            // The owner still has it; the same user's credentials on another connection may use it.
            assertEquals(200, other.exchange("TEARDOWN " + url("/private") + " RTSP/1.0\r\nCSeq: 3\r\nSession: " + session
                    + "\r\n" + basic("viewer", "secret") + "\r\n\r\n").status().code());
        }
    }

    @Test
    void tenFailuresInAMinuteMakeTheAddressWaitOverRtspAndHttp() throws Exception {
        try (RawRtsp rtsp = new RawRtsp(server.port())) {
            for (int i = 1; i <= AuthFailures.LIMIT; i++) {
                assertEquals(401, rtsp.exchange(describe(url("/private"), i, basic("viewer", "guess" + i))).status().code());
            }
            RtspResponse r = rtsp.exchange(describe(url("/private"), 11, basic("viewer", "secret")));
            assertEquals(429, r.status().code());
            long retry = Long.parseLong(r.headers().first("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        }
        HttpResponse<String> h = get("/snapshot/private", "Basic " + Base64.getEncoder().encodeToString("viewer:secret".getBytes()));
        assertEquals(429, h.statusCode());
        assertTrue(h.headers().firstValue("Retry-After").isPresent());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpStreamsAndSnapshotsNeedReadAndMetricsAndStatsTheirPermissions() throws Exception {
        HttpResponse<String> none = get("/snapshot/private", null);
        assertEquals(401, none.statusCode());
        assertEquals(3, none.headers().allValues("WWW-Authenticate").size(), none.headers().toString());
        assertEquals(401, get("/stream/private", null).statusCode());
        String viewer = "Basic " + Base64.getEncoder().encodeToString("viewer:secret".getBytes());
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:root".getBytes());
        assertEquals(200, get("/snapshot/private", viewer).statusCode());
        assertEquals(200, get("/snapshot/public/cam", null).statusCode());
        assertEquals(403, get("/metrics", viewer).statusCode());
        assertEquals(401, get("/metrics", null).statusCode());
        assertEquals(200, get("/metrics", admin).statusCode());
        assertEquals(200, get("/stats", admin).statusCode());
        assertEquals(403, get("/stats", viewer).statusCode());
        assertEquals(200, get("/health", null).statusCode());
        assertEquals(200, get("/", null).statusCode());
        // Digest over HTTP: the same computation with the HTTP method and request URI.
        String challenge = none.headers().allValues("WWW-Authenticate").get(1);
        assertEquals(200, get("/snapshot/private", digest(challenge, "GET", "/snapshot/private", "viewer", "secret")).statusCode());
        assertEquals(401, get("/snapshot/private", digest(challenge, "GET", "/snapshot/private", "viewer", "nope")).statusCode());
    }
}
