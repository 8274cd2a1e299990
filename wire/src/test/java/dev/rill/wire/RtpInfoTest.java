package dev.rill.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RTP-Info (RFC 2326 §12.33) as wire text, both ways. */
class RtpInfoTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "url=rtsp://127.0.0.1/movie.Mjpeg/trackID=0;seq=4711;rtptime=123456",
            "url=rtsp://h/m/trackID=0;seq=0;rtptime=0,url=rtsp://h/m/trackID=1;seq=65535;rtptime=4294967295",
            "url=rtsp://h/m",
            "url=rtsp://h/m;seq=1",
            "url=rtsp://h/m;rtptime=90000"})
    void canonicalTextSurvivesParseAndFormat(String wire) {
        assertEquals(wire, RtpInfo.parse(wire).format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "url=rtsp://h/m;seq=1, url=rtsp://h/n;seq=2       | url=rtsp://h/m;seq=1,url=rtsp://h/n;seq=2",
            "URL = rtsp://h/m ; SEQ = 1 ; RtpTime = 2         | url=rtsp://h/m;seq=1;rtptime=2",
            "url=rtsp://h/m;ssrc=1234ABCD;seq=1               | url=rtsp://h/m;seq=1"})
    void tolerantInputFormatsCanonically(String wire, String canonical) {
        assertEquals(canonical, RtpInfo.parse(wire).format());
    }

    @Test
    void keepsCommasAndSemicolonsInsideUrls() {
        RtpInfo info = RtpInfo.parse("url=rtsp://h/a,b;c;seq=5");
        assertEquals(RtpInfo.of(new RtpInfo.Entry("rtsp://h/a,b;c", OptionalInt.of(5), OptionalLong.empty())), info);
    }

    @Test
    void modelsEntries() {
        assertEquals(RtpInfo.of(RtpInfo.Entry.of("rtsp://h/m/trackID=0", 4711, 123456)),
                RtpInfo.parse("url=rtsp://h/m/trackID=0;seq=4711;rtptime=123456"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "seq=1", "url=", "url=x;seq=70000", "url=x;rtptime=4294967296", "url=x;seq=abc",
            "url=x y"})
    void rejectsWhatIsNotRtpInfo(String wire) {
        assertThrows(IllegalArgumentException.class, () -> RtpInfo.parse(wire));
    }
}
