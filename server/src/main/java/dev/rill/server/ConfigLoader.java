package dev.rill.server;

import dev.rill.wire.UserInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the one JSON config file into {@link ServerConfig}, and binds the parts that belong to
 * plugins to their own records. Unknown keys and bad values are errors that name the file, the
 * key, its line and column, and what was expected. Jackson stays in this class.
 */
final class ConfigLoader {

    /** Config files are small; anything bigger is a mistake. */
    static final int MAX_CONFIG_BYTES = 1 << 20;
    static final String EMBEDDED_DEFAULT = "/dev/rill/server/server.json";

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final String name;
    private final String text;

    private ConfigLoader(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** A loader for a config file on disk. */
    static ConfigLoader ofFile(Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_CONFIG_BYTES + " bytes; not a config file");
            }
            return new ConfigLoader(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A loader for the default config inside the server jar. */
    static ConfigLoader embedded() throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED_DEFAULT)) {
            if (in == null) {
                throw new ConfigException("the embedded default config " + EMBEDDED_DEFAULT + " is missing from the jar");
            }
            return new ConfigLoader("embedded default (config/server.json)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the embedded default config: " + e.getMessage(), e);
        }
    }

    /** A loader for config text, for tests and tools. */
    static ConfigLoader ofText(String name, String text) {
        return new ConfigLoader(name, text);
    }

    String name() {
        return name;
    }

    /** The whole file bound to {@link ServerConfig}. */
    ServerConfig load() throws ConfigException {
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException(name + ": the config must be one JSON object");
            }
            return bind(tree, ServerConfig.class, JsonPointer.empty());
        } catch (JsonProcessingException e) {
            throw error(e, JsonPointer.empty());
        }
    }

    /**
     * Binds a plugin's part of the config (e.g. a mount's {@code "source"} without its
     * {@code "type"}) to the plugin's record.
     *
     * @param at where {@code node} is in the file, for messages, e.g. {@code /mounts/0/source}
     */
    <C> C bind(JsonNode node, Class<C> type, JsonPointer at) throws ConfigException {
        JsonNode content = node;
        if (node.isObject() && node.has("type")) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove("type");
            content = copy;
        }
        try {
            return mapper.treeToValue(content, type);
        } catch (JsonProcessingException e) {
            throw error(e, at);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + at + ": " + e.getMessage(), e);
        }
    }

    private ConfigException error(JsonProcessingException e, JsonPointer base) {
        if (!(e instanceof JsonMappingException mapping)) {
            // Syntax error: Jackson knows the location in the text.
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return new ConfigException(name + ":" + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        String key = keyPath(base, mapping);
        JsonPointer pointer = base.append(JsonPointer.compile(pointerOf(mapping)));
        String where = locate(pointer).map(loc -> " line " + loc.getLineNr() + ", column " + loc.getColumnNr()).orElse("");
        String what;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            what = "unknown key \"" + unknown.getPropertyName() + "\"" + (known.isEmpty() ? "" : "; known keys here: " + known);
        } else if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            what = invalid.getCause().getMessage();
        } else if (e instanceof InvalidFormatException format) {
            what = "\"" + format.getValue() + "\" is not a valid " + simpleType(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            what = "expected " + simpleType(mismatch.getTargetType());
        } else {
            what = e.getOriginalMessage();
        }
        return new ConfigException(name + ":" + where + ": " + (key.isEmpty() ? "" : "key \"" + key + "\": ")
                + UserInfo.masked(String.valueOf(what)), e);
    }

    private static String simpleType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Double.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "list ([...])";
        }
        return type.isRecord() ? "object ({...})" : type.getSimpleName();
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                sb.append('/').append(ref.getIndex());
            }
        }
        return sb.toString();
    }

    private static String keyPath(JsonPointer base, JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonPointer p = base; p != null && !p.matches(); p = p.tail()) {
            appendSegment(sb, p.getMatchingProperty(), p.getMatchingIndex());
        }
        for (JsonMappingException.Reference ref : e.getPath()) {
            appendSegment(sb, ref.getFieldName(), ref.getIndex());
        }
        return sb.toString();
    }

    private static void appendSegment(StringBuilder sb, String field, int index) {
        if (index >= 0 && (field == null || field.equals(Integer.toString(index)))) {
            sb.append('[').append(index).append(']');
        } else if (field != null) {
            sb.append(sb.isEmpty() ? "" : ".").append(field);
        }
    }

    /** Where in the text the value at {@code pointer} starts (or its nearest ancestor). */
    private Optional<JsonLocation> locate(JsonPointer pointer) {
        JsonFactory factory = mapper.getFactory();
        JsonLocation best = null;
        int bestDepth = -1;
        try (JsonParser parser = factory.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonPointer here = parser.getParsingContext().pathAsPointer();
                String hereText = here.toString();
                String target = pointer.toString();
                boolean prefix = target.equals(hereText) || target.startsWith(hereText + "/");
                if (prefix && hereText.length() > bestDepth) {
                    best = parser.currentTokenLocation();
                    bestDepth = hereText.length();
                    if (target.equals(hereText)) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // the location is a courtesy; the message still names the key
        }
        return Optional.ofNullable(best);
    }
}
