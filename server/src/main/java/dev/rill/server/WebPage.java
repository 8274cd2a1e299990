package dev.rill.server;

import dev.rill.spi.HttpCall;
import dev.rill.spi.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The web page at {@code /}: the page itself, its stylesheet and script under {@code /ui}, all
 * read once from the jar ({@code dev/rill/server/web/}; no build step, nothing from elsewhere),
 * and the JSON it polls under {@code /api} ({@link MountsApi}). The session table comes from the
 * stats plugin's {@code /stats}, which answers only this machine; the page says so when it gets
 * 403.
 */
final class WebPage {

    static final String UI = "/ui";
    static final String API = "/api";
    private static final String TEXT = "text/plain; charset=utf-8";

    /** A file of the page: its bytes and type. */
    private record Asset(byte[] body, String contentType) {
    }

    private final Map<String, Asset> assets;
    private final MountsApi api;

    WebPage(MountsApi api) {
        this.api = api;
        this.assets = Map.of(
                "/", asset("index.html", "text/html; charset=utf-8"),
                UI + "/page.css", asset("page.css", "text/css; charset=utf-8"),
                UI + "/page.js", asset("page.js", "text/javascript; charset=utf-8"));
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = WebPage.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks dev/rill/server/web/" + name);
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/rill/server/web/" + name, e);
        }
    }

    /** The page at {@code /}, answered by the listener's index route. */
    HttpRoute index() {
        return this::file;
    }

    /** {@code /ui} (the page's files) and {@code /api} (its data). */
    List<HttpMedia.BuiltIn> providers() {
        return List.of(new HttpMedia.BuiltIn(UI, this::file), new HttpMedia.BuiltIn(API, this::data));
    }

    private void file(HttpCall call) throws IOException {
        if (!get(call)) {
            return;
        }
        Asset asset = assets.get(call.path());
        if (asset == null) {
            call.respond(404, TEXT, ("nothing is served at " + call.path() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        call.setHeader("Cache-Control", "no-cache");
        call.respond(200, asset.contentType(), asset.body());
    }

    private void data(HttpCall call) throws IOException {
        if (!get(call)) {
            return;
        }
        if (!call.path().equals(API + "/mounts")) {
            call.respond(404, TEXT, ("nothing is served at " + call.path() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        call.setHeader("Cache-Control", "no-store");
        call.respond(200, "application/json", api.render(call.header("Host")).getBytes(StandardCharsets.UTF_8));
    }

    /** GET, or HEAD (answered alike, without the body); 405 otherwise. */
    private static boolean get(HttpCall call) throws IOException {
        if (call.method().equals("GET") || call.method().equals("HEAD")) {
            return true;
        }
        call.setHeader("Allow", "GET, HEAD");
        call.respond(405, TEXT, "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
        return false;
    }
}
