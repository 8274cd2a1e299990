package dev.rill.client;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * Reception statistics, the course's first extra exercise done properly: RFC 3550 loss from
 * extended sequence numbers, interarrival jitter, data and frame rates, frames dropped and why.
 * The same figures go to the server in RTCP receiver reports. Updated on the event thread.
 */
final class StatsPanel extends JPanel {

    /** What each figure means, for learners (shown as tooltips). */
    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("Packets expected", "highest extended sequence number less the first, plus one (RFC 3550 A.3)"),
            Map.entry("Packets lost", "expected less received; the 16-bit sequence numbers are extended across wraps"),
            Map.entry("Loss rate", "packets lost over packets expected"),
            Map.entry("Data rate", "RTP bytes received per second, headers included"),
            Map.entry("Interarrival jitter", "RFC 3550 A.8: smoothed variation of transit time, in ms"),
            Map.entry("late", "complete frames that arrived after their presentation time"),
            Map.entry("incomplete", "frames with a missing or malformed packet"),
            Map.entry("buffer full", "frames pushed out of the full jitter buffer"),
            Map.entry("RTCP", "sender reports from the server; receiver reports (loss, jitter) sent back every 5 s"));

    private final Map<String, JLabel> values = new LinkedHashMap<>();

    StatsPanel() {
        super(new GridBagLayout());
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        String[] rows = {"Transport", "SSRC", "Playing time", "Packets received", "Packets expected", "Packets lost",
            "Loss rate", "Data rate", "Frames received", "Frames shown", "Frame rate", "Interarrival jitter",
            "Frames dropped", "  late", "  incomplete", "  buffer full", "RTCP"};
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(2, 4, 2, 4);
        c.anchor = GridBagConstraints.WEST;
        for (int i = 0; i < rows.length; i++) {
            c.gridy = i;
            c.gridx = 0;
            c.weightx = 0;
            JLabel name = new JLabel(rows[i] + ":");
            name.setToolTipText(EXPLAINED.getOrDefault(rows[i].strip(), null));
            add(name, c);
            JLabel value = new JLabel("–");
            c.gridx = 1;
            c.weightx = 1;
            add(value, c);
            values.put(rows[i], value);
        }
        c.gridy = rows.length;
        c.weighty = 1;
        add(new JLabel(" "), c);
    }

    void show(Statistics s) {
        set("Transport", s.transport().isEmpty() ? "–" : s.transport() + (s.fellBackToTcp() ? " (UDP brought nothing)" : ""));
        set("SSRC", s.ssrc().isEmpty() ? "–" : s.ssrc());
        set("Playing time", format("%.1f s", s.playingSeconds()));
        set("Packets received", Long.toString(s.packetsReceived()));
        set("Packets expected", Long.toString(s.packetsExpected()));
        set("Packets lost", Long.toString(s.packetsLost()));
        set("Loss rate", format("%.2f %%", s.lossRate() * 100));
        set("Data rate", format("%.0f kbit/s (avg %.0f)", s.dataRateKbps(), s.averageDataRateKbps()));
        set("Frames received", Long.toString(s.framesReceived()));
        set("Frames shown", Long.toString(s.framesShown()));
        set("Frame rate", format("%.1f in, %.1f shown /s", s.frameRateReceived(), s.frameRateShown()));
        set("Interarrival jitter", format("%.2f ms", s.jitterMillis()));
        set("Frames dropped", Long.toString(s.framesDropped()));
        set("  late", Long.toString(s.framesDroppedLate()));
        set("  incomplete", Long.toString(s.framesDroppedIncomplete()));
        set("  buffer full", Long.toString(s.framesDroppedOverflow()));
        set("RTCP", s.senderReports() + " SR in, " + s.receiverReports() + " RR out");
    }

    /** The value shown for a row (event thread), for tests. */
    String value(String row) {
        return values.get(row).getText();
    }

    private void set(String row, String text) {
        values.get(row).setText(text);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
