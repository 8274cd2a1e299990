package dev.rill.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as {@code openssl} and {@code gen-cert} write them: a certificate chain ({@code BEGIN
 * CERTIFICATE}, the server's own first) and an unencrypted private key, PKCS#8 ({@code BEGIN PRIVATE
 * KEY}) or RSA PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, wrapped into PKCS#8 here). Anything else is an
 * error that says how to convert it.
 */
final class Pem {

    /** PEM files are a few kilobytes; a bigger file is not one. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out server.key";

    private Pem() {
    }

    /** The certificates of a PEM file, in order. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no \"-----BEGIN CERTIFICATE-----\" block; expected a PEM certificate");
        }
        return chain;
    }

    /** The one private key of a PEM file. */
    static PrivateKey privateKey(Path file) throws IOException {
        for (Block b : blocks(file)) {
            byte[] pkcs8 = switch (b.type()) {
                case "PRIVATE KEY" -> b.der();
                case "RSA PRIVATE KEY" -> rsaToPkcs8(b.der());
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(file + ": the key is encrypted; the server needs it"
                        + " unencrypted: " + CONVERT);
                case "EC PRIVATE KEY" -> throw new IOException(file + ": an SEC1 EC key; " + CONVERT);
                default -> null;
            };
            if (pkcs8 != null) {
                return decode(file, pkcs8);
            }
        }
        throw new IOException(file + ": no \"-----BEGIN PRIVATE KEY-----\" block; expected a PEM private key (" + CONVERT + ")");
    }

    private static PrivateKey decode(Path file, byte[] pkcs8) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": not an RSA, EC or Ed25519 private key the JDK can read; " + CONVERT);
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption with NULL, the key. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
                0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = Der.tlv(0x04, pkcs1);
        return Der.tlv(0x30, Der.concat(version, algorithm, octets));
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes; not a PEM file");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).replaceAll("[^A-Za-z0-9+/=]", ""))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": a \"" + m.group(1) + "\" block is not valid base64", e);
            }
        }
        return blocks;
    }

    /** Writes PEM text: the type's armour around base64 in 64-column lines. */
    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
