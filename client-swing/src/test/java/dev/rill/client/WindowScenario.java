package dev.rill.client;

import static org.awaitility.Awaitility.await;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.SwingUtilities;

/**
 * The window as a person uses it, run by {@link WindowTest} in a JVM of its own on an X display:
 * open a URL, press Play (with the mouse, through {@link Robot}), see a picture, Pause and see it
 * hold, Stop and see the video area go blank, Play again and close the window. Screenshots go to
 * the directory given. Exit status 0 when every step held, 1 with the reason on stderr.
 *
 * <p>Arguments: URL, screenshot directory.
 */
final class WindowScenario {

    private static final Duration STEP = Duration.ofSeconds(20);

    private final Robot robot;
    private final Path shots;
    private PlayerWindow window;

    private WindowScenario(Path shots) throws Exception {
        this.robot = new Robot();
        this.shots = shots;
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            Files.createDirectories(Path.of(args[1]));
            new WindowScenario(Path.of(args[1])).run(args[0]);
            status = 0;
        } catch (Throwable e) {
            System.err.println("window scenario failed: " + e);
            e.printStackTrace();
        }
        System.exit(status);
    }

    private void run(String url) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        onEdt(() -> {
            window = new PlayerWindow(Options.parse(url), closed::countDown);
            window.show();
            return null;
        });
        robot.waitForIdle();

        awaitState(PlayerState.READY);
        expectButtons(true, false, true);
        check(blank(), "the video area is blank before Play");
        shoot("01-ready.png");

        click(window.playButton());
        awaitState(PlayerState.PLAYING);
        await("a picture").atMost(STEP).until(() -> !blank());
        expectButtons(false, true, true);
        await("statistics").atMost(STEP).until(() -> !onEdt(() -> window.statsPanel().value("Frames shown")).equals("0"));
        shoot("02-playing.png");
        shoot("player-playing.png");

        click(window.pauseButton());
        awaitState(PlayerState.PAUSED);
        expectButtons(true, false, true);
        AtomicReference<BufferedImage> last = new AtomicReference<>(videoArea());
        // Settle: what the jitter buffer held plays out; then the picture must hold.
        await("the picture to settle").atMost(STEP).pollInterval(Duration.ofMillis(400))
                .until(() -> same(last.getAndSet(videoArea()), last.get()));
        BufferedImage held = videoArea();
        await("the picture to hold").during(Duration.ofMillis(1500)).atMost(STEP)
                .until(() -> same(held, videoArea()));
        check(!blank(), "Pause keeps the picture");
        shoot("03-paused.png");

        click(window.stopButton());
        awaitState(PlayerState.STOPPED);
        await("the video area to clear").atMost(STEP).until(this::blank);
        expectButtons(true, false, false);
        shoot("04-stopped.png");

        click(window.playButton()); // a new session
        awaitState(PlayerState.PLAYING);
        await("a picture again").atMost(STEP).until(() -> !blank());
        check(onEdt(() -> window.exchangePanel().content()).contains("TEARDOWN"), "the RTSP panel shows the exchange");

        onEdt(() -> {
            window.frame().dispatchEvent(new WindowEvent(window.frame(), WindowEvent.WINDOW_CLOSING));
            return null;
        });
        check(closed.await(STEP.toSeconds(), TimeUnit.SECONDS), "closing the window ends the player");
    }

    private void awaitState(PlayerState state) {
        await("state " + state).atMost(STEP).until(() -> onEdt(() -> window.status().state() == state
                && !window.status().busy()));
    }

    private void expectButtons(boolean play, boolean pause, boolean stop) throws Exception {
        String got = onEdt(() -> window.playButton().isEnabled() + " " + window.pauseButton().isEnabled() + " "
                + window.stopButton().isEnabled());
        check(got.equals(play + " " + pause + " " + stop), "buttons Play Pause Stop enabled: expected " + play + " "
                + pause + " " + stop + ", got " + got);
    }

    /** A real mouse click in the middle of the button. */
    private void click(JButton button) throws Exception {
        Point centre = onEdt(() -> {
            Point p = button.getLocationOnScreen();
            return new Point(p.x + button.getWidth() / 2, p.y + button.getHeight() / 2);
        });
        robot.mouseMove(centre.x, centre.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private BufferedImage videoArea() throws Exception {
        Rectangle area = onEdt(() -> new Rectangle(window.video().getLocationOnScreen(), window.video().getSize()));
        return robot.createScreenCapture(area);
    }

    /** At most two colours on a grid over the video area: nothing shown. */
    private boolean blank() throws Exception {
        BufferedImage image = videoArea();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size() <= 2;
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void shoot(String name) throws Exception {
        Rectangle bounds = onEdt(() -> window.frame().getBounds());
        ImageIO.write(robot.createScreenCapture(bounds), "png", new File(shots.toFile(), name));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static <T> T onEdt(Supplier<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> result.set(task.get()));
        return result.get();
    }
}
