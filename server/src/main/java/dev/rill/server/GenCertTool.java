package dev.rill.server;

import dev.rill.spi.CommandLineTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code gen-cert}: a self-signed certificate and its key ({@code server.crt}, {@code server.key},
 * PEM) for the RTSPS and HTTPS listeners. The JDK has no public certificate builder, so the
 * running JDK's own {@code keytool} makes the pair in a temporary PKCS#12 store, which is then
 * written out as PEM; the store is deleted.
 */
public final class GenCertTool implements CommandLineTool {

    static final String OPENSSL = "openssl req -x509 -newkey rsa:2048 -nodes -keyout server.key -out server.crt -days 365"
            + " -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1";
    /** keytool takes a second or two; a hung one is given up. */
    private static final long KEYTOOL_SECONDS = 60;
    private static final String STORE_PASSWORD = "rill-gen-cert";

    @Override
    public String name() {
        return "gen-cert";
    }

    @Override
    public String usage() {
        return "gen-cert [--dir DIR] [--days N] [HOST...]  write a self-signed server.crt and server.key"
                + " (default hosts: localhost 127.0.0.1 ::1)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path dir = Path.of("");
        int days = 365;
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--dir") || a.equals("--days")) && i + 1 >= args.size()) {
                err.println("gen-cert: " + a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--dir" -> dir = Path.of(args.get(++i));
                case "--days" -> {
                    try {
                        days = Integer.parseInt(args.get(++i));
                    } catch (NumberFormatException e) {
                        days = 0;
                    }
                    if (days < 1 || days > 36_500) {
                        err.println("gen-cert: --days must be 1..36500");
                        return 2;
                    }
                }
                default -> hosts.add(a);
            }
        }
        if (hosts.isEmpty()) {
            hosts = List.of("localhost", "127.0.0.1", "::1");
        }
        try {
            write(dir, hosts, days);
        } catch (IllegalArgumentException e) {
            err.println("gen-cert: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("gen-cert: " + e.getMessage());
            err.println("gen-cert: openssl makes the same pair: " + OPENSSL);
            return 1;
        }
        out.println("wrote " + dir.resolve("server.crt") + " and " + dir.resolve("server.key") + " for " + String.join(", ", hosts)
                + ", valid " + days + " days");
        return 0;
    }

    /**
     * Writes {@code server.crt} and {@code server.key} into {@code dir}; existing files are never
     * overwritten.
     *
     * @throws IllegalArgumentException for a host that is not a plain name or address
     */
    static void write(Path dir, List<String> hosts, int days) throws IOException {
        Path crt = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        for (Path p : List.of(crt, key)) {
            if (Files.exists(p)) {
                throw new IOException(p + " exists; not overwriting it");
            }
        }
        String names = String.join(",", hosts.stream().map(GenCertTool::alternativeName).toList());
        Path temp = Files.createTempDirectory("rill-gen-cert");
        try {
            Path store = temp.resolve("pair.p12");
            keytool(List.of("-genkeypair", "-alias", "rill", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-validity", Integer.toString(days), "-dname", "CN=" + hosts.get(0), "-ext", "SAN=" + names,
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                    "-keypass", STORE_PASSWORD, "-noprompt"), temp.resolve("keytool.log"));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, STORE_PASSWORD.toCharArray());
            }
            Key privateKey = ks.getKey("rill", STORE_PASSWORD.toCharArray());
            Certificate certificate = ks.getCertificate("rill");
            Files.createDirectories(dir);
            Files.writeString(crt, Pem.encode("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
            Files.createFile(key);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException | FileSystemException e) {
                // not a POSIX file system; the file keeps the directory's defaults
            }
            Files.writeString(key, Pem.encode("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read keytool's key store: " + e.getMessage(), e);
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A SubjectAltName entry as keytool takes it: {@code ip:} for an address, else {@code dns:}. */
    private static String alternativeName(String host) {
        if (host.matches("[0-9.]+") || host.matches("[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return "ip:" + host;
        }
        if (!host.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name or address: '" + host + "'");
        }
        return "dns:" + host;
    }

    /** Runs keytool with its output in {@code log}, so a hung one cannot block a read. */
    private static void keytool(List<String> args, Path log) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("this Java runtime has no keytool (" + keytool + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                        System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null"))).start();
        try {
            if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool failed: " + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
