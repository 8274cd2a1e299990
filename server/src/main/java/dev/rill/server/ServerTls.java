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

    /**
     * @param what the config key, for messages, e.g. {@code rtsps}
     * @throws ConfigException naming the file and what is wrong with it
     */
    static SSLContext context(String what, Path certificate, Path key) throws ConfigException {
        try {
            List<X509Certificate> chain = Pem.certificates(certificate);
            PrivateKey privateKey = Pem.privateKey(key);
            if (!chain.get(0).getPublicKey().getAlgorithm().equals(privateKey.getAlgorithm())) {
                throw new ConfigException(what + ": the key in " + key + " (" + privateKey.getAlgorithm()
                        + ") does not belong to the certificate in " + certificate + " (" + chain.get(0).getPublicKey().getAlgorithm() + ")");
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
