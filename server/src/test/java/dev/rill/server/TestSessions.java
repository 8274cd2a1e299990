package dev.rill.server;

import dev.rill.spi.MediaSource;
import dev.rill.spi.Mount;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Sessions built directly, as SETUP would build them, without a connection: for tests of what a
 * session, a feed or a sender does. Every part has a default; set what the test is about.
 */
final class TestSessions {

    /** Where a session's RTP goes when the test does not read it. */
    static final InetSocketAddress NOWHERE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    private SessionDialect dialect = SessionDialect.STANDARD;
    private MediaSource source;
    private Feed feed;
    private Sender sender;
    private InetSocketAddress rtpTo = NOWHERE;
    private int firstSequence = 1000;
    private long timestampBase = 5000;
    private long ssrc = 0x1234_5678L;
    private Session.Events events = new RecordingEvents();
    private String id = "1";

    private TestSessions() {
    }

    /** A session of {@code source} fed by {@code feed}. */
    static TestSessions of(MediaSource source, Feed feed) {
        TestSessions b = new TestSessions();
        b.source = source;
        b.feed = feed;
        return b;
    }

    TestSessions dialect(SessionDialect d) {
        dialect = d;
        return this;
    }

    TestSessions sender(Sender s) {
        sender = s;
        return this;
    }

    TestSessions rtpTo(InetSocketAddress to) {
        rtpTo = to;
        return this;
    }

    TestSessions firstSequence(int sequence) {
        firstSequence = sequence;
        return this;
    }

    TestSessions timestampBase(long base) {
        timestampBase = base;
        return this;
    }

    TestSessions ssrc(long value) {
        ssrc = value;
        return this;
    }

    TestSessions events(Session.Events e) {
        events = e;
        return this;
    }

    TestSessions id(String value) {
        id = value;
        return this;
    }

    Session build() {
        Mount mount = new Mount("/" + source.describe(), source, new FakePayloadFormat());
        Session.Setup setup = new Session.Setup(dialect, rtpTo, mount, mount.format(), feed,
                new RtpTarget.Udp(rtpTo, Optional.empty()), "RTP/AVP;unicast", ssrc, firstSequence, timestampBase,
                null, false, sender);
        return new Session(id, setup, events, System.nanoTime());
    }
}
