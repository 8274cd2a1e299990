package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config file: defaults, and errors that name the key, the line and what was expected. */
class ConfigLoaderTest {

    @Test
    void theEmbeddedDefaultListensOn8554AndMountsTheSample() throws Exception {
        ServerConfig config = ConfigLoader.embedded().load();
        assertEquals(8554, config.rtsp().port());
        assertEquals("media", config.mediaDirectory());
        assertEquals("/sample.Mjpeg", config.mounts().get(0).path());
        assertEquals(1400, config.rtp().maxPacketSize());
        assertEquals(60, config.sessionTimeoutSeconds());
    }

    @Test
    void theEmbeddedDefaultServesHttpOn8080AndOtherConfigsOnlyWhenTheyAsk() throws Exception {
        ServerConfig embedded = ConfigLoader.embedded().load();
        assertTrue(embedded.http().enabled());
        assertEquals(8080, embedded.http().port());
        assertEquals("0.0.0.0", embedded.http().host());
        assertFalse(ConfigLoader.ofText("t.json", "{}").load().http().enabled(), "no key, no listener");
        assertFalse(ConfigLoader.ofText("t.json", "{\"http\": null}").load().http().enabled());
        assertFalse(ConfigLoader.ofText("t.json", "{\"http\": {\"port\": -1}}").load().http().enabled());
        ServerConfig.HttpConfig defaults = ConfigLoader.ofText("t.json", "{\"http\": {}}").load().http();
        assertEquals(new ServerConfig.HttpConfig("0.0.0.0", 8080, false, null, null), defaults);
    }

    @Test
    void theSendPathIsOneOfFourKeysAndAutoUnlessTheBuildSaysOtherwise() throws Exception {
        String expected = System.getProperty(ServerConfig.RtpConfig.SEND_PATH_PROPERTY, "auto");
        assertEquals(expected, ConfigLoader.ofText("t.json", "{}").load().rtp().sendPath());
        assertEquals("portable", ConfigLoader.ofText("t.json", "{\"rtp\": {\"sendPath\": \"portable\"}}").load().rtp().sendPath());
        assertEquals("gso", ConfigLoader.ofText("t.json", "{\"rtp\": {\"sendPath\": \"GSO\"}}").load().rtp().sendPath());
    }

    @Test
    void anEmptyObjectGivesEveryDefault() throws Exception {
        ServerConfig config = ConfigLoader.ofText("t.json", "{}").load();
        assertEquals(ServerConfig.defaults(), config);
    }

    @Test
    void oneAddressMayHold64ConnectionsAndMustAskWithinTenSeconds() throws Exception {
        ServerConfig.LimitsConfig limits = ConfigLoader.ofText("t.json", "{}").load().limits();
        assertEquals(64, limits.maxConnectionsPerAddress());
        assertEquals(10, limits.firstRequestSeconds());
        ServerConfig.LimitsConfig set = ConfigLoader.ofText("t.json",
                "{\"limits\": {\"maxConnectionsPerAddress\": 5000, \"firstRequestSeconds\": 3}}").load().limits();
        assertEquals(5000, set.maxConnectionsPerAddress());
        assertEquals(3, set.firstRequestSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key  | {"rtsp": {"port": 1}, "colour": "red"}              | line 1, column 23  | unknown key "colour"
            unknown nested key     | {\\n  "rtsp": {\\n    "prot": 8554\\n  }\\n}        | line 3, column 5   | key "rtsp.prot": unknown key "prot"
            port out of range      | {"rtsp": {"port": 70000}}                           | line 1            | port must be 0..65535: 70000
            port not a number      | {"rtsp": {"port": "eighty"}}                        | key "rtsp.port"   | whole number
            timeout too small      | {"sessionTimeoutSeconds": 1}                        | line 1            | sessionTimeoutSeconds must be 5..86400
            bad server ports       | {"rtp": {"serverPorts": "lots"}}                    | key "rtp"         | serverPorts must be "auto" or "a-b"
            unknown send path      | {"rtp": {"sendPath": "fast"}}                       | key "rtp"         | sendPath must be one of "auto", "gso", "sendmmsg", "portable": fast
            mount without slash    | {"mounts": [{"path": "x", "source": {"type": "t"}}]} | key "mounts[0]"   | mount path must start with '/'
            not json               | {"rtsp": {"port": 8554,,}                            | line 1            | not valid JSON
            limits not positive    | {"limits": {"maxSessions": 0}}                      | key "limits"      | limits.maxSessions must be positive
            per address not positive | {"limits": {"maxConnectionsPerAddress": 0}}       | key "limits"      | limits.maxConnectionsPerAddress must be positive
            first request not positive | {"limits": {"firstRequestSeconds": -1}}         | key "limits"      | limits.firstRequestSeconds must be positive
            http port out of range | {"http": {"port": -2}}                              | key "http"        | port must be 0..65535 (0: a free port), or -1 for no HTTP: -2
            http unknown key       | {"http": {"prot": 8080}}                            | key "http.prot"   | unknown key "prot"
            """)
    void badFilesGiveAMessageNamingKeyAndPlace(String what, String json, String where, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.ofText("bad.json", json.replace("\\n", "\n")).load());
        assertTrue(e.getMessage().startsWith("bad.json:"), e.getMessage());
        assertTrue(e.getMessage().contains(where), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    @Test
    void aMountOfAnUnknownTypeStopsStartUpListingKnownTypes(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("s.json"), """
                {"rtsp": {"host": "127.0.0.1", "port": 0},
                 "mounts": [{"path": "/x", "source": {"type": "no-such-type"}}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtspServer.start(dir.resolve("s.json")));
        assertTrue(e.getMessage().contains("unknown source type \"no-such-type\""), e.getMessage());
        assertTrue(e.getMessage().contains("mjpeg-file"), e.getMessage());
    }

    @Test
    void aPluginConfigWithAnUnknownKeyNamesItsPath(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("s.json"), """
                {"rtsp": {"host": "127.0.0.1", "port": 0},
                 "mounts": [{"path": "/x", "source": {"type": "mjpeg-sample", "colour": 1}}]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtspServer.start(dir.resolve("s.json")));
        assertTrue(e.getMessage().contains("mounts[0].source.colour"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void tlsKeysNeedTheirFiles() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.ofText("t.json", "{\"rtsps\": {\"port\": 8322}}").load());
        assertTrue(e.getMessage().contains("rtsps needs \"certificate\" and \"key\""), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.ofText("t.json", "{\"http\": {\"port\": 8443, \"tls\": true}}").load());
        assertTrue(e.getMessage().contains("http.tls needs"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.ofText("t.json", "{\"http\": {\"port\": 8080, \"key\": \"k.pem\"}}").load());
        assertTrue(e.getMessage().contains("only with \"tls\""), e.getMessage());
    }
}
