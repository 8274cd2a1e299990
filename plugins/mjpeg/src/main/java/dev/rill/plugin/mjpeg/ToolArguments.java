package dev.rill.plugin.mjpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one command-line tool run, split into flags ({@code --json}) and operands
 * (file names). Flags may come anywhere; {@code --} ends them, so that a file whose name starts
 * with {@code --} can still be given.
 *
 * @param flags    the flags given, each once
 * @param operands the other arguments, in order
 */
record ToolArguments(Set<String> flags, List<String> operands) {

    /** Asks for the usage line; known to every tool. */
    static final String HELP = "--help";

    ToolArguments {
        flags = Set.copyOf(flags);
        operands = List.copyOf(operands);
    }

    /**
     * Splits {@code args}; {@code -h} counts as {@link #HELP}.
     *
     * @param known the flags the tool understands, besides {@link #HELP}
     * @throws IllegalArgumentException an argument starts with {@code -} but is no known flag; the
     *                                  message names it
     */
    static ToolArguments parse(List<String> args, Set<String> known) {
        Set<String> flags = new TreeSet<>();
        List<String> operands = new ArrayList<>();
        boolean onlyOperands = false;
        for (String arg : args) {
            if (onlyOperands || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
            } else if (arg.equals("--")) {
                onlyOperands = true;
            } else if (arg.equals(HELP) || arg.equals("-h")) {
                flags.add(HELP);
            } else if (known.contains(arg)) {
                flags.add(arg);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'"
                        + (known.isEmpty() ? "" : "; known: " + String.join(", ", new TreeSet<>(known))));
            }
        }
        return new ToolArguments(flags, operands);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }
}
