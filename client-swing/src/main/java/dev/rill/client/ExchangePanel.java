package dev.rill.client;

import java.awt.BorderLayout;
import java.awt.Font;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

/**
 * The RTSP exchange as text, requests and replies as they went over the wire, for learners.
 * Takes text from any thread; keeps the last {@link #MAX_CHARS} characters.
 */
final class ExchangePanel extends JPanel implements Consumer<String> {

    static final int MAX_CHARS = 200_000;

    private final JTextArea text = new JTextArea();

    ExchangePanel() {
        super(new BorderLayout());
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        add(new JScrollPane(text), BorderLayout.CENTER);
        JButton clear = new JButton("Clear");
        clear.addActionListener(e -> text.setText(""));
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(clear, BorderLayout.EAST);
        add(bottom, BorderLayout.SOUTH);
    }

    @Override
    public void accept(String message) {
        String shown = message.replace("\r\n", "\n");
        SwingUtilities.invokeLater(() -> {
            text.append(shown.endsWith("\n") ? shown + "\n" : shown + "\n\n");
            int excess = text.getDocument().getLength() - MAX_CHARS;
            if (excess > 0) {
                text.replaceRange("", 0, excess);
            }
            text.setCaretPosition(text.getDocument().getLength());
        });
    }

    /** The text shown (event thread). */
    String content() {
        return text.getText();
    }
}
