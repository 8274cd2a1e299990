package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code "record"} the server cannot carry out stops start-up with a message that says why. */
class RecordConfigTest {

    @TempDir
    Path dir;

    @BeforeEach
    void plugins() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(RecordingTest.TESTCARD_JAR), "the build did not copy " + RecordingTest.TESTCARD_JAR);
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(RecordingTest.TESTCARD_JAR, dir.resolve("plugins/rill-plugin-testcard.jar"));
    }

    private String refused(String mounts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestServer.start(dir, "\"mounts\": [" + mounts + "]").close());
        return e.getMessage();
    }

    private static String card(String path, String record) {
        return "{\"path\": \"" + path + "\", \"source\": {\"type\": \"testcard\"}, \"record\": " + record + "}";
    }

    @Test
    void aStoredMountIsNotRecorded() {
        String message = refused("{\"path\": \"/clip\", \"source\": {\"type\": \"test-counting\", \"frames\": 5}, \"record\": {}}");
        assertTrue(message.contains("mount /clip") && message.contains("recording is for live mounts"), message);
    }

    @Test
    void segmentsLastAtLeastASecondAndAtLeastOneIsKept() {
        String seconds = refused(card("/door", "{\"segmentSeconds\": 0}"));
        assertTrue(seconds.contains("record.segmentSeconds must be at least 1: 0"), seconds);
        String keep = refused(card("/door", "{\"keepSegments\": 0}"));
        assertTrue(keep.contains("record.keepSegments must be at least 1: 0"), keep);
        String unknown = refused(card("/door", "{\"segmentMinutes\": 10}"));
        assertTrue(unknown.contains("unknown key \"segmentMinutes\""), unknown);
    }

    @Test
    void theDirectoryMustBeOneTheServerCanWriteIn() throws IOException {
        Files.writeString(dir.resolve("taken"), "a file, not a directory");
        String message = refused(card("/door", "{\"directory\": \"taken/recordings\"}"));
        assertTrue(message.contains("mount /door: record: cannot make directory"), message);
    }

    @Test
    void twoMountsCannotWriteTheSameNames() {
        String message = refused(card("/cams/door", "{}") + ", " + card("/cams-door", "{}"));
        assertTrue(message.contains("same names as those of mount /cams/door"), message);
    }
}
