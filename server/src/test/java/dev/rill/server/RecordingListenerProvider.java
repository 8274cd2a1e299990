package dev.rill.server;

import dev.rill.spi.ListenerContext;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionListener;
import dev.rill.spi.SessionListenerProvider;
import dev.rill.spi.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A test-only listener, type "test-recorder", that appends every event as a line to a file. */
public final class RecordingListenerProvider implements SessionListenerProvider<RecordingListenerProvider.Config> {

    /** @param file where the events go */
    public record Config(String file) {
    }

    @Override
    public String type() {
        return "test-recorder";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public SessionListener create(Config config, ListenerContext context) {
        Path file = Path.of(config.file());
        return new SessionListener() {
            @Override
            public void opened(SessionInfo s) {
                append("opened " + s.id());
            }

            @Override
            public void stateChanged(SessionInfo s, SessionState state) {
                append("state " + s.id() + " " + state);
            }

            @Override
            public void receptionReported(SessionInfo s, ReceptionReport r) {
                append("report " + s.id() + " " + r.fractionLost() + " " + r.cumulativeLost() + " " + r.jitter()
                        + " " + r.roundTrip().isPresent());
            }

            @Override
            public void closed(SessionInfo s) {
                append("closed " + s.id() + " " + s.framesSent());
            }

            private synchronized void append(String line) {
                try {
                    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
