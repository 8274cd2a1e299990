package dev.rill.server;

import dev.rill.spi.RtspMethod;
import dev.rill.spi.RtspResponse;
import dev.rill.spi.SessionUse;
import java.util.List;

/**
 * A method the server answers itself because it makes or drives sessions: SETUP, PLAY, PAUSE,
 * TEARDOWN, and a publisher's ANNOUNCE and RECORD (the SPI's {@link dev.rill.spi.RtspMethodHandler}
 * says so). Plugins cannot replace them; every other method, built-in or not, is a handler found
 * with {@code ServiceLoader}.
 */
interface CoreCommand {

    /** The core commands, in the order {@code Public} lists them. */
    static List<CoreCommand> all() {
        return List.of(new SetupCommand(), new PlayCommand(), new PauseCommand(), new TeardownCommand(),
                new AnnounceCommand(), new RecordCommand());
    }

    RtspMethod method();

    SessionUse sessionUse();

    /** The response; runs on the connection's virtual thread. */
    RtspResponse handle(ServerExchange exchange) throws Exception;
}
