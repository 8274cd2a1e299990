package dev.rill.server.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which send path runs for each {@code rtp.sendPath}, given what the JVM and kernel offer. */
class RtpSocketsTest {

    private static final NativeUdp.Support EVERYTHING = new NativeUdp.Support(Optional.empty(), Optional.empty());
    private static final NativeUdp.Support NO_GSO =
            new NativeUdp.Support(Optional.empty(), Optional.of("setsockopt UDP_SEGMENT: Protocol not available"));
    private static final NativeUdp.Support JAVA_21 = NativeUdp.Support.none("needs Java 22 or newer; this is Java 21");

    @Test
    void autoTakesTheBestThereIs() throws IOException {
        assertEquals(SendPath.GSO, RtpSockets.resolve(SendPath.AUTO, EVERYTHING));
        assertEquals(SendPath.SENDMMSG, RtpSockets.resolve(SendPath.AUTO, NO_GSO));
        assertEquals(SendPath.PORTABLE, RtpSockets.resolve(SendPath.AUTO, JAVA_21));
    }

    @Test
    void aForcedGsoThatTheKernelRefusesFallsBackToSendmmsg() throws IOException {
        assertEquals(SendPath.GSO, RtpSockets.resolve(SendPath.GSO, EVERYTHING));
        assertEquals(SendPath.SENDMMSG, RtpSockets.resolve(SendPath.GSO, NO_GSO));
        assertEquals(SendPath.SENDMMSG, RtpSockets.resolve(SendPath.SENDMMSG, EVERYTHING));
    }

    @Test
    void portableIsAlwaysPortable() throws IOException {
        assertEquals(SendPath.PORTABLE, RtpSockets.resolve(SendPath.PORTABLE, EVERYTHING));
        assertEquals(SendPath.PORTABLE, RtpSockets.resolve(SendPath.PORTABLE, JAVA_21));
    }

    @Test
    void aForcedNativePathWithNoNativeCodeFailsSayingWhy() {
        for (SendPath forced : new SendPath[] {SendPath.GSO, SendPath.SENDMMSG}) {
            IOException e = assertThrows(IOException.class, () -> RtpSockets.resolve(forced, JAVA_21));
            assertTrue(e.getMessage().contains("rtp.sendPath \"" + forced.key() + "\" cannot run here"), e.getMessage());
            assertTrue(e.getMessage().contains("needs Java 22 or newer"), e.getMessage());
        }
    }

    @Test
    void configValuesAreTheFourKeysInAnyCase() {
        assertEquals(SendPath.GSO, SendPath.of("gso"));
        assertEquals(SendPath.SENDMMSG, SendPath.of("SendMMsg"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SendPath.of("fast"));
        assertEquals("sendPath must be one of \"auto\", \"gso\", \"sendmmsg\", \"portable\": fast", e.getMessage());
    }

    @Test
    void thisJvmOnLinuxHasTheNativePath() {
        StringBuilder why = new StringBuilder();
        boolean linux = System.getProperty("os.name").equals("Linux") && Runtime.version().feature() >= 22;
        assertEquals(linux, NativeUdp.load(why).isPresent(), why.toString());
    }
}
