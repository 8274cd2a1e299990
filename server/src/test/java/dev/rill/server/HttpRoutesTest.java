package dev.rill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.spi.HttpRoute;
import dev.rill.spi.HttpRouteContext;
import dev.rill.spi.HttpRouteProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {

    private record Provider(String prefix) implements HttpRouteProvider {
        @Override
        public HttpRoute route(HttpRouteContext context) {
            return call -> { };
        }
    }

    private static HttpRoutes.Entry entry(String prefix, HttpRoute route) {
        return new HttpRoutes.Entry(new Provider(prefix), route);
    }

    @Test
    void theLongestPrefixThatIsAWholeSegmentWins() throws Exception {
        HttpRoute stream = call -> { };
        HttpRoute special = call -> { };
        HttpRoutes routes = HttpRoutes.of(List.of(entry("/stream", stream), entry("/stream/special", special)));
        assertEquals(stream, routes.find("/stream/cams/door").orElseThrow());
        assertEquals(stream, routes.find("/stream").orElseThrow());
        assertEquals(special, routes.find("/stream/special/x").orElseThrow());
        assertTrue(routes.find("/streams/x").isEmpty());
        assertTrue(routes.find("/").isEmpty());
    }

    @Test
    void twoProvidersOfOnePrefixStopStartUpNamingBoth() {
        ConfigException e = assertThrows(ConfigException.class, () -> HttpRoutes.of(List.of(
                new HttpRoutes.Entry(new Provider("/stats"), call -> { }),
                new HttpRoutes.Entry(new HttpMedia.BuiltIn("/stats", call -> { }), call -> { }))));
        assertTrue(e.getMessage().contains("'/stats'") && e.getMessage().contains(Provider.class.getName())
                && e.getMessage().contains(HttpMedia.BuiltIn.class.getName()), e.getMessage());
    }

    @Test
    void aPrefixMustNameAPath() {
        for (String bad : List.of("stats", "/", "/stats/")) {
            assertThrows(ConfigException.class, () -> HttpRoutes.of(List.of(entry(bad, call -> { }))), bad);
        }
    }
}
