package dev.rill.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS identity: a PEM certificate chain and its private key, as an {@link SSLContext}
 * for the RTSPS and HTTPS listeners. Checked at start-up: a key that does not belong to the
 * certificate stops the server with a message, not the first client's handshake.
 */
final class ServerTls {

    private ServerTls() {
    }

    /** True when a signature made with {@code key} verifies with the certificate's public key. */
    private static boolean belongs(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        if (algorithm.equals("RSASSA-PSS")) {
            return true; // needs parameters to sign with; the handshake will tell
        }
        byte[] probe = "rill".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.security.Signature signer = java.security.Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /**
     * @param what the config key, for messages, e.g. {@code rtsps}
     * @throws ConfigException naming the file and what is wrong with it
     */
    static SSLContext context(String what, Path certificate, Path key) throws ConfigException {
        try {
            List<X509Certificate> chain = Pem.certificates(certificate);
            PrivateKey privateKey = Pem.privateKey(key);
            if (!belongs(privateKey, chain.get(0))) {
                throw new ConfigException(what + ": the key in " + key + " does not belong to the certificate in " + certificate);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("rill", privateKey, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new ConfigException(what + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(what + ": cannot use " + certificate + " and " + key + ": " + e.getMessage(), e);
        }
    }
}
