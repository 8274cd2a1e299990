package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The floor probe runs briefly and prints a number for each of the three ways to send (not a measurement). */
class SendFloorTest {

    @Test
    void printsCpuPerPacketForSendtoSendmmsgAndGso() throws Throwable {
        assumeTrue(System.getProperty("os.name").equals("Linux") && Runtime.version().feature() >= 22,
                "SendFloor needs Linux and Java 22+");
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Class.forName("dev.rill.bench.SendFloor").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {"--sockets", "10", "--seconds", "0.3"});
        } finally {
            System.setOut(was);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        was.print(text);
        for (String how : new String[] {"sendto ", "sendmmsg ", "sendmmsg+UDP_SEGMENT"}) {
            assertTrue(text.lines().anyMatch(l -> l.trim().startsWith(how) && l.contains("µs per packet")
                    && !l.contains("NaN")), how + " in:\n" + text);
        }
    }
}
