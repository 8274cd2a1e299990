package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords in URLs never shown: one table of texts and what may be shown of them. */
class UserInfoTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            rtsp://admin:hunter2@camera.lan:554/stream1            | rtsp://admin:***@camera.lan:554/stream1
            http://u:p@ss@cam/stream?x=a@b                         | http://u:***@cam/stream?x=a@b
            rtsps://token@cam/live                                 | rtsps://***@cam/live
            rtsp-pull rtsp://a:b@h/x and http://c:d@i/y, then more | rtsp-pull rtsp://a:***@h/x and http://c:***@i/y, then more
            rtsp://camera.lan/stream1                              | rtsp://camera.lan/stream1
            mail me@example.org about rtsp://h/x                   | mail me@example.org about rtsp://h/x
            `{"url":"rtsp://h:554","user":"x@y"}`                  | `{"url":"rtsp://h:554","user":"x@y"}`
            `{"d":"rtsp://u:secret@h/x"}`                          | `{"d":"rtsp://u:***@h/x"}`
            rtsp://admin:***@camera.lan/                           | rtsp://admin:***@camera.lan/
            rtsp://a%40b:p%3Aw@cam/                                | rtsp://a%40b:***@cam/
            """)
    void hidesThePasswordOfEveryUrlAndNothingElse(String text, String shown) {
        assertEquals(shown, UserInfo.masked(text));
    }
}
