package dev.rill.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Writes the report's maps as JSON with Jackson: maps (in their order), collections, strings,
 * numbers, booleans; an empty Optional and a non-finite number become {@code null}, a whole
 * number has no fraction and any other keeps six significant digits. Two-space indentation,
 * {@code "name": value}, one member or item a line, and a line feed at the end.
 */
final class Json {

    /** Immutable, so one serves every report. */
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .addModule(new SimpleModule("rill-bench-report")
                    .addSerializer(Double.class, serializer(Double.class, (d, gen, p) -> number(gen, d)))
                    .addSerializer(Float.class, serializer(Float.class, (f, gen, p) -> number(gen, f)))
                    .addSerializer(optional())
                    .addSerializer(OptionalLong.class, serializer(OptionalLong.class, (o, gen, p) -> {
                        if (o.isPresent()) {
                            gen.writeNumber(o.getAsLong());
                        } else {
                            gen.writeNull();
                        }
                    }))
                    .addSerializer(OptionalDouble.class, serializer(OptionalDouble.class,
                            (o, gen, p) -> number(gen, o.isPresent() ? o.getAsDouble() : Double.NaN))))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void number(JsonGenerator gen, double d) throws IOException {
        if (!Double.isFinite(d)) {
            gen.writeNull();
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            gen.writeNumber((long) d);
        } else {
            // Six significant digits: measurements are not more precise than that.
            gen.writeNumber(new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros());
        }
    }

    /** The value when present (through the serializers above), else null. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static JsonSerializer<Optional<?>> optional() {
        Class<Optional<?>> type = (Class) Optional.class;
        return serializer(type, (o, gen, p) -> p.defaultSerializeValue(o.orElse(null), gen));
    }

    @FunctionalInterface
    private interface Writes<T> {
        void write(T value, JsonGenerator gen, SerializerProvider provider) throws IOException;
    }

    private static <T> JsonSerializer<T> serializer(Class<T> type, Writes<T> writes) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writes.write(value, gen, provider);
            }
        };
    }
}
