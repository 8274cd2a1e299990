package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.RtspResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of auth without a server: nonces, hashes, globs, ranges, the failure table, config errors, hash-password. */
class AuthPartsTest {

    @TempDir
    Path dir;

    @Test
    void anExpiredNonceWithTheRightDigestIsStaleAndAnsweredWithStaleTrue() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        AuthConfig config = new AuthConfig(null, null, List.of(new AuthConfig.UserConfig("viewer", "secret", null,
                List.of(new AuthConfig.PermissionConfig("read", null)))), 300);
        Access access = new Access(Optional.of(config), now::get);
        String challenge = access.challenges(false).get(0);
        String header = AuthTest.digest(challenge, "DESCRIBE", "rtsp://h/x", "viewer", "secret");
        Access.Request request = new Access.Request("DESCRIBE", "rtsp://h/x", Optional.of(header), InetAddress.getLoopbackAddress());
        assertEquals(Optional.of("viewer"), access.identify(request).user());
        // The same nonce count again is a replay: answered as stale, so a real client just takes a new nonce.
        Access.Identity replay = access.identify(request);
        assertTrue(replay.user().isEmpty() && replay.refusal().orElseThrow().challenges().get(0).contains("stale=true"), replay.toString());
        String next = header.replace("nc=00000001", "nc=00000002");
        String nextResponse = AuthTest.hex("SHA-256", AuthTest.hex("SHA-256", "viewer:Rill:secret") + ":" + nonceOf(challenge)
                + ":00000002:0a4f113b:auth:" + AuthTest.hex("SHA-256", "DESCRIBE:rtsp://h/x"));
        next = next.replaceAll("response=\"[0-9a-f]+\"", "response=\"" + nextResponse + "\"");
        assertEquals(Optional.of("viewer"), access.identify(new Access.Request("DESCRIBE", "rtsp://h/x", Optional.of(next),
                InetAddress.getLoopbackAddress())).user());
        now.addAndGet(301_000);
        Access.Identity stale = access.identify(request);
        assertEquals(401, stale.refusal().orElseThrow().status());
        assertTrue(stale.refusal().get().challenges().get(0).contains("stale=true"), stale.toString());
        // A stale nonce is not a failed login: ten of them do not make the address wait.
        for (int i = 0; i < 20; i++) {
            access.identify(request);
        }
        assertEquals(401, access.identify(request).refusal().orElseThrow().status());
    }

    private static String nonceOf(String challenge) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void pbkdf2HashesMatchTheirPasswordOnly() {
        String hash = PasswordHash.hash("correct horse".toCharArray(), PasswordHash.MIN_ITERATIONS);
        assertTrue(hash.startsWith("pbkdf2:sha256:1000:"), hash);
        assertTrue(PasswordHash.isHash(hash));
        assertTrue(PasswordHash.matches(hash, "correct horse"));
        assertFalse(PasswordHash.matches(hash, "correct horsE"));
        assertTrue(PasswordHash.matches("plain", "plain"));
        assertFalse(PasswordHash.matches("plain", "plai"));
        assertFalse(PasswordHash.isHash("pbkdf2:sha256:10:AAAA:AAAA"));
    }

    @Test
    void hashPasswordReadsStdinAndPrintsAHashThatBasicAccepts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HashPasswordTool tool = new HashPasswordTool(() -> new ByteArrayInputStream("s3cret pass\n".getBytes(StandardCharsets.UTF_8)), () -> null);
        int code = tool.run(List.of("--stdin", "--iterations", "2000"), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, code, err.toString());
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(PasswordHash.matches(hash, "s3cret pass"), hash);
        assertFalse(hash.contains("s3cret"));
        assertEquals(2, tool.run(List.of("mypassword"), new PrintStream(out, true), new PrintStream(err, true)));
        // rill-server.jar runs it as a command: it is a CommandLineTool provider of the server itself.
        assertTrue(java.util.ServiceLoader.load(dev.rill.spi.CommandLineTool.class).stream()
                .anyMatch(p -> p.type() == HashPasswordTool.class));

        // The hash in a Basic-only config lets the user in over RTSP.
        java.nio.file.Files.createDirectories(dir.resolve("media"));
        TestMedia.writeMjpeg(dir.resolve("media/clip.Mjpeg"), TestMedia.frames(3, 64, 48));
        try (TestServer server = TestServer.start(dir, "\"auth\": {\"methods\": [\"basic\"], \"users\": [ {\"user\": \"door\","
                + " \"password\": \"" + hash + "\", \"permissions\": [ {\"action\": \"read\", \"path\": \"/clip.Mjpeg\"} ] } ] }");
             RawRtsp rtsp = new RawRtsp(server.port())) {
            String url = "rtsp://127.0.0.1:" + server.port() + "/clip.Mjpeg";
            String auth = Base64.getEncoder().encodeToString("door:s3cret pass".getBytes(StandardCharsets.UTF_8));
            RtspResponse ok = rtsp.exchange("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 1\r\nAuthorization: Basic " + auth + "\r\n\r\n");
            assertEquals(200, ok.status().code());
            RtspResponse none = rtsp.exchange("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 2\r\n\r\n");
            assertEquals(401, none.status().code());
            assertEquals(List.of("Basic realm=\"Rill\", charset=\"UTF-8\""), none.headers().all("WWW-Authenticate"));
        }
    }

    @Test
    void globsAndRanges() {
        assertTrue(Permission.matches("/public/*", "/public/cam"));
        assertTrue(Permission.matches("/public/*", "/public/a/b"));
        assertFalse(Permission.matches("/public/*", "/publicity"));
        assertTrue(Permission.matches("/live", "/live"));
        assertFalse(Permission.matches("/live", "/live2"));
        assertTrue(Permission.matches("/*/door", "/cams/door"));
        Cidr lan = Cidr.parse("10.1.0.0/16").orElseThrow();
        assertTrue(lan.contains(addr("10.1.200.3")));
        assertFalse(lan.contains(addr("10.2.0.1")));
        assertFalse(lan.contains(addr("::1")));
        assertTrue(Cidr.parse("::1/128").orElseThrow().contains(addr("::1")));
        assertTrue(Cidr.parse("nothost/8").isEmpty());
        assertTrue(Cidr.parse("10.0.0.0/33").isEmpty());
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFailureTableIsBoundedAndForgetsAfterAMinute() {
        AuthFailures failures = new AuthFailures();
        InetAddress a = addr("192.0.2.1");
        for (int i = 0; i < AuthFailures.LIMIT; i++) {
            assertEquals(0, failures.waitSeconds(a, 0));
            failures.failed(a, 0);
        }
        assertEquals(60, failures.waitSeconds(a, 0));
        assertEquals(1, failures.waitSeconds(a, 59_500));
        assertEquals(0, failures.waitSeconds(a, 60_000));
        for (int i = 0; i < AuthFailures.MAX_ADDRESSES * 2; i++) {
            failures.failed(addr("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)), 1000);
        }
        assertTrue(failures.size() <= AuthFailures.MAX_ADDRESSES, "size " + failures.size());
    }

    private static String configError(String auth) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.ofText("test.json", "{ \"auth\": " + auth + " }").load());
        return e.getMessage();
    }

    @Test
    void badAuthConfigsStopStartUpSayingWhy() {
        String unknown = configError("{\"users\": [ {\"user\": \"a\", \"password\": \"b\", \"permissions\": [ {\"action\": \"watch\"} ] } ] }");
        assertTrue(unknown.contains("unknown permission action 'watch'"), unknown);
        String cidr = configError("{\"users\": [ {\"user\": \"a\", \"password\": \"b\", \"ips\": [\"10.0.0.0/40\"] } ] }");
        assertTrue(cidr.contains("10.0.0.0/40"), cidr);
        String hash = configError("{\"methods\": [\"basic\"], \"users\": [ {\"user\": \"a\", \"password\": \"pbkdf2:sha256:x:y:z\" } ] }");
        assertTrue(hash.contains("hash is malformed"), hash);
        String good = PasswordHash.hash("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
        String digest = configError("{\"users\": [ {\"user\": \"a\", \"password\": \"" + good + "\" } ] }");
        assertTrue(digest.contains("Digest needs the plain password"), digest);
        String method = configError("{\"methods\": [\"ntlm\"] }");
        assertTrue(method.contains("digest"), method);
        String anyPassword = configError("{\"users\": [ {\"user\": \"any\", \"password\": \"x\" } ] }");
        assertTrue(anyPassword.contains("no password"), anyPassword);
        String noPassword = configError("{\"users\": [ {\"user\": \"bob\" } ] }");
        assertTrue(noPassword.contains("needs a \"password\""), noPassword);
    }
}
