package dev.rill.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The player's state machine against a real Rill: pause, resume, seek, stop, a server that vanishes. */
class PlayerTest {

    static final int FPS = 20;

    @TempDir
    Path dir;
    RillFixture rill;
    List<byte[]> source;
    RecordingSink sink = new RecordingSink();
    List<String> exchange = new CopyOnWriteArrayList<>();
    AtomicReference<PlayerStatus> status = new AtomicReference<>();
    Player player;

    @BeforeEach
    void start() throws IOException {
        source = TestClips.frames(100, 160, 120); // 5 s at 20 fps
        TestClips.writeMjpeg(dir.resolve("media/clip.Mjpeg"), source);
        rill = RillFixture.start(dir, "[]");
        player = new Player(Options.parse(rill.url("clip.Mjpeg")), sink, exchange::add, status::set);
    }

    @AfterEach
    void stop() {
        player.close();
        rill.close();
    }

    private void awaitState(PlayerState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status.get() != null && status.get().state() == state
                && !status.get().busy());
    }

    /** Waits until no new frame has been shown for a while, and returns the count. */
    private int awaitStill() {
        AtomicInteger seen = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> seen.getAndSet(sink.count()) == sink.count());
        return sink.count();
    }

    private void openAndPlay() {
        player.open(Target.url(rill.url("clip.Mjpeg")));
        awaitState(PlayerState.READY);
        player.play();
        awaitState(PlayerState.PLAYING);
    }

    @Test
    void openingSetsUpSoThatPlayStartsAtOnce() {
        player.open(Target.url(rill.url("clip.Mjpeg")));
        awaitState(PlayerState.READY);
        assertEquals(List.of("OPTIONS", "DESCRIBE", "SETUP"), exchange.stream().filter(t -> t.startsWith("C→S"))
                .map(t -> t.split("\n")[1].split(" ")[0]).toList());
        assertEquals(Duration.ofSeconds(5), player.duration().orElseThrow());
    }

    @Test
    void pauseHoldsThePictureAndPlayResumesWhereItStopped() {
        openAndPlay();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 5);
        player.pause();
        awaitState(PlayerState.PAUSED);
        int held = awaitStill();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> sink.count() == held);
        player.play();
        awaitState(PlayerState.PLAYING);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= held + 3);
        List<byte[]> all = sink.since(0);
        // Resumed where it stopped: what was shown before and after the pause is one run of the clip, in order.
        Frames.assertInOrder(source, all, (a, b) -> Frames.samePicture(a, b, 2));
    }

    @Test
    void seekPlaysFromThePositionAsked() {
        openAndPlay();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 2);
        player.pause();
        awaitState(PlayerState.PAUSED);
        int before = awaitStill();
        player.seek(Duration.ofSeconds(3));
        awaitState(PlayerState.PLAYING);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= before + 2);
        int first = Frames.assertInOrder(source, sink.since(before), (a, b) -> Frames.samePicture(a, b, 2));
        assertEquals(3 * FPS, first);
        await().atMost(Duration.ofSeconds(2)).until(() -> player.position().compareTo(Duration.ofSeconds(3)) >= 0);
    }

    @Test
    void theEndOfTheStreamEndsPlayingAndPlayStartsItAgain() {
        openAndPlay();
        player.seek(Duration.ofMillis(4_700)); // three frames before the end
        awaitState(PlayerState.ENDED);          // the server's RTCP BYE
        int before = awaitStill();
        player.play();
        awaitState(PlayerState.PLAYING);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= before + 2);
        assertEquals(0, Frames.assertInOrder(source, sink.since(before), (a, b) -> Frames.samePicture(a, b, 2)));
    }

    @Test
    void stopTearsDownAndPlayThenSetsUpANewSession() {
        openAndPlay();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 2);
        player.stop();
        awaitState(PlayerState.STOPPED);
        await().atMost(Duration.ofSeconds(5)).until(() -> rill.server.sessionCount() == 0);
        assertEquals(1, sink.clears());
        int before = sink.count();
        player.play();
        awaitState(PlayerState.PLAYING);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= before + 2);
        assertEquals(2, exchange.stream().filter(t -> t.startsWith("C→S\nSETUP")).count());
        assertEquals(1, exchange.stream().filter(t -> t.startsWith("C→S\nTEARDOWN")).count());
        // A new session starts at the beginning.
        assertEquals(0, Frames.assertInOrder(source, sink.since(before), (a, b) -> Frames.samePicture(a, b, 2)));
    }

    @Test
    void aServerThatVanishesLeavesAClearMessageAndAUsablePlayer() {
        openAndPlay();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 2);
        rill.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.get().state() == PlayerState.STOPPED);
        assertTrue(status.get().failed());
        assertTrue(status.get().message().contains("connection"), status.get().message());
        assertTrue(player.state().canPlay(), "Play stays possible");
    }
}
