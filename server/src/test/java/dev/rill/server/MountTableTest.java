package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URL paths to media: configured mounts, files of the media directory opened once and kept open
 * while played, a bounded number of idle ones besides, and nothing outside the directory.
 */
class MountTableTest {

    @TempDir
    Path dir;
    private Path media;
    private MountTable table;

    @BeforeEach
    void open() throws Exception {
        media = Files.createDirectories(dir.resolve("media"));
        String json = """
                {"mediaDirectory": "media",
                 "mounts": [{"path": "/configured", "source": {"type": "test-counting", "frames": 5}}]}
                """;
        ConfigLoader loader = ConfigLoader.ofText("mount-table-test.json", json);
        table = MountTable.open(loader.load(), loader, Extensions.load(MountTableTest.class.getClassLoader()), dir);
    }

    @AfterEach
    void close() {
        table.close();
    }

    private Path clip(String relative) throws Exception {
        Path file = media.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1, 2, 3});
    }

    private static FakeStoredSource source(Mount mount) {
        return (FakeStoredSource) mount.source();
    }

    /** Files clip0 .. clip{n-1}, each resolved once and left idle. */
    private List<Mount> resolveIdle(int n) throws Exception {
        List<Mount> mounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clip("clip" + i + CountingSourceProvider.EXTENSION);
            mounts.add(table.resolve("/clip" + i + CountingSourceProvider.EXTENSION).orElseThrow());
        }
        return mounts;
    }

    @Test
    void aConfiguredMountResolvesToItsSourceAndFormat() {
        Mount mount = table.resolve("/configured").orElseThrow();
        assertEquals(5, source(mount).frameCount());
        assertEquals(FakePayloadFormat.NAME, mount.format().name());
        assertSame(mount, table.hold(mount).orElseThrow());
        assertEquals(0, table.openFiles(), "configured mounts are not media-directory files");
    }

    @Test
    void aMediaDirectoryFileResolvesUnderItsNameAndIsOpenedOnce() throws Exception {
        Path file = clip("a" + CountingSourceProvider.EXTENSION);
        Mount first = table.resolve("/a.unitclip").orElseThrow();
        Mount second = table.resolve("/a.unitclip").orElseThrow();
        assertSame(first, second);
        assertEquals("/a.unitclip", first.path());
        assertEquals(1, CountingSourceProvider.opens(file));
        assertEquals(1, table.openFiles());
    }

    @Test
    void aFileInASubdirectoryResolvesUnderItsRelativePath() throws Exception {
        clip("sub/b" + CountingSourceProvider.EXTENSION);
        assertTrue(table.resolve("/sub/b.unitclip").isPresent());
    }

    @Test
    void aPathThatStartsWithTheMediaDirectorysNameNamesTheSameFile() throws Exception {
        clip("a" + CountingSourceProvider.EXTENSION);
        assertSame(table.resolve("/a.unitclip").orElseThrow(), table.resolve("/media/a.unitclip").orElseThrow());
    }

    @Test
    void aFileNoProviderServesDoesNotResolve() throws Exception {
        clip("notes.txt");
        assertEquals(Optional.empty(), table.resolve("/notes.txt"));
        assertEquals(Optional.empty(), table.resolve("/missing.unitclip"));
    }

    @Test
    void nothingOutsideTheMediaDirectoryResolves() throws Exception {
        Files.write(dir.resolve("outside" + CountingSourceProvider.EXTENSION), new byte[] {1});
        clip(".hidden" + CountingSourceProvider.EXTENSION);
        assertEquals(Optional.empty(), table.resolve("/../outside.unitclip"));
        assertEquals(Optional.empty(), table.resolve("/sub/../../outside.unitclip"));
        assertEquals(Optional.empty(), table.resolve("/.hidden.unitclip"));
        assertEquals(Optional.empty(), table.resolve("/.."));
        assertEquals(0, table.openFiles());
    }

    @Test
    void aLinkThatLeadsOutOfTheMediaDirectoryDoesNotResolve() throws Exception {
        Path outside = Files.write(dir.resolve("outside" + CountingSourceProvider.EXTENSION), new byte[] {1});
        Files.createSymbolicLink(media.resolve("link" + CountingSourceProvider.EXTENSION), outside);
        assertEquals(Optional.empty(), table.resolve("/link.unitclip"));
        assertEquals(0, CountingSourceProvider.opens(outside));
    }

    @Test
    void atMostMaxCachedFilesIdleFilesStayOpenTheLeastRecentlyAskedForClosedFirst() throws Exception {
        List<Mount> mounts = resolveIdle(20);
        assertEquals(MountTable.MAX_CACHED_FILES, table.openFiles());
        for (int i = 0; i < 20; i++) {
            int expected = i < 20 - MountTable.MAX_CACHED_FILES ? 1 : 0;
            assertEquals(expected, source(mounts.get(i)).closes(), "closes of clip" + i);
        }
    }

    @Test
    void aHeldFileStaysOpenHoweverManyOthersAreAskedFor() throws Exception {
        clip("played" + CountingSourceProvider.EXTENSION);
        Mount played = table.hold(table.resolve("/played.unitclip").orElseThrow()).orElseThrow();
        resolveIdle(20);
        assertEquals(0, source(played).closes());
        assertEquals(MountTable.MAX_CACHED_FILES + 1, table.openFiles());
    }

    @Test
    void aHeldFileIsClosedWhenReleasedIfItIsTheLeastRecentlyAskedFor() throws Exception {
        clip("played" + CountingSourceProvider.EXTENSION);
        Mount played = table.hold(table.resolve("/played.unitclip").orElseThrow()).orElseThrow();
        resolveIdle(20);
        table.release(played);
        assertEquals(1, source(played).closes());
        assertEquals(MountTable.MAX_CACHED_FILES, table.openFiles());
        assertEquals(Optional.empty(), table.hold(played), "a closed file must be resolved again");
    }

    @Test
    void aFileChangedWhilePlayedIsReopenedAndTheOldSourceClosedByItsLastSession() throws Exception {
        Path file = clip("changing" + CountingSourceProvider.EXTENSION);
        Mount before = table.hold(table.resolve("/changing.unitclip").orElseThrow()).orElseThrow();
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        Mount after = table.resolve("/changing.unitclip").orElseThrow();
        assertNotSame(before, after);
        assertEquals(2, CountingSourceProvider.opens(file));
        assertEquals(0, source(before).closes(), "still played");
        table.release(before);
        assertEquals(1, source(before).closes());
        assertEquals(0, source(after).closes());
    }

    @Test
    void closeClosesConfiguredSourcesAndOpenFiles() throws Exception {
        Mount configured = table.resolve("/configured").orElseThrow();
        List<Mount> files = resolveIdle(3);
        table.close();
        assertEquals(1, source(configured).closes());
        files.forEach(m -> assertEquals(1, source(m).closes(), m.path()));
        assertEquals(0, table.openFiles());
    }
}
