package dev.rill.plugin.mjpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.spi.MalformedPacketException;

import java.nio.ByteBuffer;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start of an RFC 2435 payload into {@link Rfc2435Header#read} and
 * {@link Rfc2435QuantTables#read}: a clear refusal or a value that writes back to the bytes it was
 * read from (the quantisation tables to tables that read again equal). An exception the
 * re-read throws is a finding.
 */
class Rfc2435HeaderFuzzTest {

    @FuzzTest
    void read(byte[] input) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(input);
        Rfc2435Header header;
        try {
            header = Rfc2435Header.read(in);
        } catch (MalformedPacketException refused) {
            return;
        }
        assertEquals(header.length(), in.position());
        ByteBuffer out = ByteBuffer.allocate(header.length());
        header.writeTo(out);
        assertEquals(ByteBuffer.wrap(input, 0, header.length()), out.flip());
        assertEquals(header, Rfc2435Header.read(out.rewind()), "re-read");
    }

    @FuzzTest
    void quantTables(byte[] input) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(input);
        Optional<Rfc2435QuantTables> tables;
        try {
            tables = Rfc2435QuantTables.read(in);
        } catch (MalformedPacketException refused) {
            return;
        }
        assertTrue(in.position() <= input.length);
        if (tables.isEmpty()) {
            assertEquals(Rfc2435QuantTables.HEADER_LENGTH, in.position());
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(tables.get().wireLength());
        tables.get().writeTo(out);
        Optional<Rfc2435QuantTables> again = Rfc2435QuantTables.read(out.flip());
        assertEquals(tables, again);
        assertEquals(0, out.remaining());
    }
}
