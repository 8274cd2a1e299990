package dev.rill.plugin.rtsppull;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of {@code "tlsVerify": false}: any certificate is taken, so a self-signed
 * upstream can be relayed. The link is still encrypted, but nothing proves who is at the other end.
 */
final class AnyCertificate implements X509TrustManager {

    private AnyCertificate() {
    }

    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client's certificate is never asked for
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // taken unchecked: that is what tlsVerify false asks for
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
