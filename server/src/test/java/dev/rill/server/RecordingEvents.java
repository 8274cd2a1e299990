package dev.rill.server;

import dev.rill.spi.SessionState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What sessions told the server, in order, as short strings: "PLAYING", "READY", "endOfStream", "bye", "ended why". */
final class RecordingEvents implements Session.Events {

    private final List<String> events = new CopyOnWriteArrayList<>();

    List<String> events() {
        return List.copyOf(events);
    }

    long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    @Override
    public void stateChanged(Session session, SessionState state) {
        events.add(state.name());
    }

    @Override
    public void endOfStream(Session session) {
        events.add("endOfStream");
    }

    @Override
    public void bye(Session session) {
        events.add("bye");
    }

    @Override
    public void ended(Session session, String why) {
        events.add("ended " + why);
    }
}
