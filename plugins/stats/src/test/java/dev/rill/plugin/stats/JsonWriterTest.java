package dev.rill.plugin.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void separatesMembersAndItemsWithCommas() {
        String json = new JsonWriter().beginObject().name("a").value(1).name("b").beginArray().value("x").value(2.5)
                .nullValue().beginObject().endObject().endArray().name("c").beginArray().endArray().endObject().text();
        assertEquals("{\"a\":1,\"b\":[\"x\",2.5,null,{}],\"c\":[]}", json);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String nasty = "q\"b\\n\nr\rt\tz\u0000e\u001fd\u007f/";
        String json = new JsonWriter().beginObject().name(nasty).value(nasty).endObject().text();
        assertEquals("{\"q\\\"b\\\\n\\nr\\rt\\tz\\u0000e\\u001fd\\u007f/\":\"q\\\"b\\\\n\\nr\\rt\\tz\\u0000e\\u001fd\\u007f/\"}",
                json);
        assertEquals(nasty, MiniJson.object(MiniJson.parse(json)).get(nasty));
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogates() {
        String text = "\uD83C\uDFA5 \uD800 \uDC00";
        String json = new JsonWriter().value(text).text();
        assertEquals("\"\uD83C\uDFA5 \\ud800 \\udc00\"", json);
        assertEquals(text, MiniJson.parse(json));
    }

    @Test
    void writesNumbersJsonCannotHoldAsNull() {
        String json = new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray().text();
        assertEquals("[null,null]", json);
    }

    @Test
    void refusesADocumentLeftOpen() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().text());
    }

    @Test
    void outputParsesBackToTheSameValues() {
        String json = new JsonWriter().beginObject().name("n").value(-12).name("d").value(1e-7).endObject().text();
        assertEquals(Map.of("n", -12.0, "d", 1e-7), MiniJson.parse(json));
    }
}
