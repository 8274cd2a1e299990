package dev.rill.server;

import dev.rill.spi.CommandLineTool;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code hash-password [--stdin] [--iterations N]}: prints the {@code pbkdf2:...} value of a
 * password for the config's {@code "password"}. The password is read from the console (asked
 * twice, not echoed) or, with {@code --stdin} or without a console, from the first line of standard
 * input; never from the arguments, which other users see in the process list.
 */
public final class HashPasswordTool implements CommandLineTool {

    /** Longest password line read. */
    static final int MAX_PASSWORD = 1024;

    private final Supplier<InputStream> stdin;
    private final Supplier<Console> console;

    public HashPasswordTool() {
        this(() -> System.in, System::console);
    }

    HashPasswordTool(Supplier<InputStream> stdin, Supplier<Console> console) {
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public String name() {
        return "hash-password";
    }

    @Override
    public String usage() {
        return "hash-password [--stdin] [--iterations N]  print a pbkdf2 hash of a password (read from the console or stdin) for auth.users";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean fromStdin = false;
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--stdin")) {
                fromStdin = true;
            } else if (a.equals("--iterations") && i + 1 < args.size() && args.get(i + 1).matches("\\d{1,8}")
                    && Integer.parseInt(args.get(i + 1)) >= PasswordHash.MIN_ITERATIONS
                    && Integer.parseInt(args.get(i + 1)) <= PasswordHash.MAX_ITERATIONS) {
                iterations = Integer.parseInt(args.get(++i));
            } else {
                err.println("usage: " + usage() + " (iterations " + PasswordHash.MIN_ITERATIONS + ".." + PasswordHash.MAX_ITERATIONS
                        + "; the password is never taken as an argument)");
                return 2;
            }
        }
        char[] password;
        try {
            Console c = fromStdin ? null : console.get();
            password = c != null ? fromConsole(c, err) : fromStream(stdin.get());
        } catch (IOException e) {
            err.println("hash-password: cannot read the password: " + e.getMessage());
            return 1;
        }
        if (password == null || password.length == 0) {
            err.println("hash-password: no password given (or the two did not match)");
            return 1;
        }
        try {
            out.println(PasswordHash.hash(password, iterations));
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private static char[] fromConsole(Console c, PrintStream err) {
        char[] first = c.readPassword("password: ");
        char[] again = c.readPassword("again: ");
        if (first == null || !Arrays.equals(first, again)) {
            return null;
        }
        return first;
    }

    private static char[] fromStream(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        char[] buffer = new char[MAX_PASSWORD + 1];
        int n = 0;
        int c;
        while (n < buffer.length && (c = reader.read()) >= 0 && c != '\n') {
            buffer[n++] = (char) c;
        }
        if (n > MAX_PASSWORD) {
            throw new IOException("longer than " + MAX_PASSWORD + " characters");
        }
        if (n > 0 && buffer[n - 1] == '\r') {
            n--;
        }
        char[] out = Arrays.copyOf(buffer, n);
        Arrays.fill(buffer, '\0');
        return out;
    }
}
