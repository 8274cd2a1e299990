package dev.rill.client;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The player's window: a URL field, the video, a position slider and time when the presentation
 * has a length, Play / Pause / Stop (enabled only where the state allows), a status line, and
 * beside the video the statistics and the RTSP exchange. Built and touched on the event thread
 * only; every command goes to the {@link Player}, which works on its own thread.
 */
final class PlayerWindow {

    private static final int REFRESH_MILLIS = 250;

    private final JFrame frame = new JFrame("Rill player");
    private final JTextField url = new JTextField(40);
    private final JButton open = new JButton("Open");
    private final JButton play = new JButton("Play");
    private final JButton pause = new JButton("Pause");
    private final JButton stop = new JButton("Stop");
    private final JLabel status = new JLabel(" ");
    private final JSlider slider = new JSlider(0, 1000, 0);
    private final JLabel time = new JLabel("0:00 / 0:00");
    private final JPanel seekBar = new JPanel(new BorderLayout(8, 0));
    private final VideoPanel video = new VideoPanel();
    private final StatsPanel statsPanel = new StatsPanel();
    private final ExchangePanel exchangePanel = new ExchangePanel();
    private final Player player;
    private final Runnable onClosed;
    private final Timer refresh;
    private PlayerStatus current = new PlayerStatus(PlayerState.EMPTY, false, "", Optional.empty(), false);
    private boolean sliderUpdating;
    /** The URL field's text when it was last opened. */
    private String opened = "";
    private boolean closing;

    /**
     * @param onClosed run on the event thread after the window closed and the session is torn down
     */
    PlayerWindow(Options options, Runnable onClosed) {
        this.onClosed = onClosed;
        this.player = new Player(options, video, exchangePanel, s -> SwingUtilities.invokeLater(() -> apply(s)));
        this.refresh = new Timer(REFRESH_MILLIS, e -> refresh());
        layOut();
        wire();
        options.target().ifPresent(t -> url.setText(t.display()));
        apply(current);
    }

    private void layOut() {
        JPanel top = new JPanel(new BorderLayout(6, 0));
        top.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        top.add(new JLabel("URL:"), BorderLayout.WEST);
        url.setToolTipText("rtsp://host:port/path, or the course's: host port rtp_port file");
        top.add(url, BorderLayout.CENTER);
        top.add(open, BorderLayout.EAST);

        seekBar.add(slider, BorderLayout.CENTER);
        seekBar.add(time, BorderLayout.EAST);
        seekBar.setBorder(BorderFactory.createEmptyBorder(4, 6, 0, 6));
        seekBar.setVisible(false);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.CENTER, 8, 4));
        buttons.add(play);
        buttons.add(pause);
        buttons.add(stop);

        JPanel controls = new JPanel(new BorderLayout());
        controls.add(seekBar, BorderLayout.NORTH);
        controls.add(buttons, BorderLayout.CENTER);

        JPanel left = new JPanel(new BorderLayout());
        left.add(video, BorderLayout.CENTER);
        left.add(controls, BorderLayout.SOUTH);

        JTabbedPane tabs = new JTabbedPane();
        tabs.setPreferredSize(new Dimension(360, 480));
        tabs.setMinimumSize(new Dimension(200, 200));
        tabs.addTab("Statistics", statsPanel);
        tabs.addTab("RTSP", exchangePanel);

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, tabs);
        split.setResizeWeight(0.7);

        frame.getContentPane().add(top, BorderLayout.NORTH);
        frame.getContentPane().add(split, BorderLayout.CENTER);
        status.setBorder(BorderFactory.createEmptyBorder(3, 8, 5, 8));
        frame.getContentPane().add(status, BorderLayout.SOUTH);
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.setSize(1080, 700);
        frame.setLocation(20, 20);
    }

    private void wire() {
        open.addActionListener(e -> openTyped());
        url.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                updateControls();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                updateControls();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                updateControls();
            }
        });
        url.addActionListener(e -> openTyped());
        play.addActionListener(e -> {
            String text = url.getText().strip();
            if (current.state() == PlayerState.EMPTY || !text.equals(opened)) {
                parsedTyped().ifPresent(player::openAndPlay); // a new URL: open it and play
            } else {
                player.play();
            }
        });
        pause.addActionListener(e -> player.pause());
        stop.addActionListener(e -> player.stop());
        slider.addChangeListener(e -> {
            if (!sliderUpdating && !slider.getValueIsAdjusting() && current.duration().isPresent()) {
                player.seek(Duration.ofMillis(slider.getValue()));
            }
        });
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
    }

    /** Shows the window; opens the target given on the command line, if any. */
    void show() {
        frame.setVisible(true);
        refresh.start();
        if (!url.getText().isBlank()) {
            openTyped();
        } else {
            showStatus("Type a URL, e.g. rtsp://localhost:8554/sample.Mjpeg, and press Enter", false);
            url.requestFocusInWindow();
        }
    }

    private void openTyped() {
        parsedTyped().ifPresent(player::open);
    }

    /** The target typed in the URL field, remembered as the one opened; empty (with a message) when unusable. */
    private Optional<Target> parsedTyped() {
        String text = url.getText().strip();
        if (text.isEmpty()) {
            showStatus("Type a URL, e.g. rtsp://localhost:8554/sample.Mjpeg", true);
            return Optional.empty();
        }
        try {
            Target target = Target.parse(text);
            opened = text;
            return Optional.of(target);
        } catch (IllegalArgumentException e) {
            showStatus(e.getMessage(), true);
            return Optional.empty();
        }
    }

    private void apply(PlayerStatus s) {
        if (closing && s.state() != PlayerState.CLOSED) {
            return;
        }
        current = s;
        updateControls();
        if (!s.message().isEmpty()) {
            showStatus(s.message(), s.failed());
        }
        refresh();
    }

    private void updateControls() {
        PlayerStatus s = current;
        boolean idle = !s.busy() && !closing;
        play.setEnabled(idle && (s.state().canPlay() || (s.state() == PlayerState.EMPTY && !url.getText().isBlank())));
        pause.setEnabled(idle && s.state().canPause());
        stop.setEnabled(idle && s.state().canStop());
        open.setEnabled(!closing && s.state() != PlayerState.OPENING);
        seekBar.setVisible(s.duration().isPresent() && s.state().hasSession());
        if (s.duration().isPresent()) {
            sliderUpdating = true;
            slider.setMaximum((int) Math.min(Integer.MAX_VALUE, s.duration().get().toMillis()));
            sliderUpdating = false;
        }
        slider.setEnabled(idle && s.state().hasSession());
    }

    private void showStatus(String message, boolean failed) {
        status.setText(message);
        status.setForeground(failed ? new Color(0xB0, 0x00, 0x20) : Color.DARK_GRAY);
    }

    private void refresh() {
        statsPanel.show(player.statistics());
        Optional<Duration> duration = current.duration();
        if (duration.isPresent() && !slider.getValueIsAdjusting()) {
            Duration position = player.position();
            sliderUpdating = true;
            slider.setValue((int) Math.min(slider.getMaximum(), position.toMillis()));
            sliderUpdating = false;
            time.setText(TimeText.of(position) + " / " + TimeText.of(duration.get()));
        }
    }

    /** Tears the session down off the event thread, then disposes of the window. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        updateControls();
        showStatus("Closing …", false);
        Thread.ofVirtual().name("rill-window-close").start(() -> {
            player.close();
            SwingUtilities.invokeLater(() -> {
                refresh.stop();
                frame.dispose();
                onClosed.run();
            });
        });
    }

    // ---- for the GUI test ----

    JFrame frame() {
        return frame;
    }

    VideoPanel video() {
        return video;
    }

    JButton playButton() {
        return play;
    }

    JButton pauseButton() {
        return pause;
    }

    JButton stopButton() {
        return stop;
    }

    PlayerStatus status() {
        return current;
    }

    Player player() {
        return player;
    }

    StatsPanel statsPanel() {
        return statsPanel;
    }

    ExchangePanel exchangePanel() {
        return exchangePanel;
    }
}
