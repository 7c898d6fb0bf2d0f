package dev.quiver.server.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An in-memory, self-signed certificate and its private key for the local machine, made once at
 * start-up and never written to disk; or, with {@link #generate(int)} and a length above 1, the
 * same leaf issued through a chain of generated CAs up to a self-signed root (the QUIC interop
 * runner's chain, see {@link CertificateChain}), so that the server's first flight is large.
 *
 * <p>The certificate names {@code localhost}, {@code 127.0.0.1} and {@code ::1} as subject
 * alternative names, so clients that verify host names accept it for every loopback spelling once
 * they trust the certificate itself. The key is EC P-256: handshakes are much cheaper than with
 * RSA, which matters when a load test opens thousands of connections.
 *
 * <p>One instance can back several servers (the TCP server here and a later HTTP/3 server), so a
 * client that trusts it once trusts all of them. Instances are immutable and thread-safe.
 */
public final class SelfSignedCertificate {

    /** The host names and addresses the certificate is valid for. */
    public static final List<String> SUBJECT_ALTERNATIVE_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** The longest chain {@link #generate(int)} makes (the interop runner uses 9). */
    public static final int MAX_CHAIN_LENGTH = 32;

    private final X509Bundle bundle;

    private SelfSignedCertificate(X509Bundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Generates a new key pair and a certificate for the loopback names, valid from one day ago
     * (tolerates clock skew) for one year.
     *
     * @throws IllegalStateException if the JVM cannot generate the key or sign the certificate
     */
    public static SelfSignedCertificate generate() {
        return generate(1);
    }

    /**
     * As {@link #generate()}, with {@code length} certificates for the server to send: 1 is the
     * self-signed certificate; above 1 the leaf (without the CA flag, with the runner's filler
     * names) and {@code length - 1} intermediate CAs, issued from a self-signed root that is not sent.
     *
     * @throws IllegalArgumentException if {@code length} is outside 1..{@value #MAX_CHAIN_LENGTH}
     * @throws IllegalStateException if the JVM cannot generate a key or sign a certificate
     */
    public static SelfSignedCertificate generate(int length) {
        if (length < 1 || length > MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("a certificate chain has 1.." + MAX_CHAIN_LENGTH + " certificates, got " + length);
        }
        Instant now = Instant.now();
        try {
            CertificateBuilder leaf = new CertificateBuilder()
                    .subject("CN=localhost, O=quiver")
                    .ecp256()
                    .notBefore(now.minus(Duration.ofDays(1)))
                    .notAfter(now.plus(Duration.ofDays(365)))
                    .addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addSanIpAddress("::1")
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                    .addExtendedKeyUsageServerAuth();
            X509Bundle bundle = length == 1 ? leaf.setIsCertificateAuthority(true).buildSelfSigned()
                    : CertificateChain.generate(length, leaf, now);
            return new SelfSignedCertificate(bundle);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /** The server's own certificate (the leaf; its own issuer when the chain has one certificate). */
    public X509Certificate certificate() {
        return bundle.getCertificate();
    }

    /** What the server sends in TLS: its certificate first, then the intermediate CAs; the root is not sent. */
    public X509Certificate[] certificatePath() {
        return bundle.getCertificatePath();
    }

    /** The self-signed certificate a client trusts: the root of the chain (the certificate itself without one). */
    public X509Certificate root() {
        return bundle.getRootCertificate();
    }

    /** The private key matching {@link #certificate()}. */
    public PrivateKey privateKey() {
        return bundle.getKeyPair().getPrivate();
    }

    /** The certificate in PEM form ({@code -----BEGIN CERTIFICATE-----}), e.g. for {@code curl --cacert}. */
    public String certificatePem() {
        return bundle.getCertificatePEM();
    }

    /** The private key in PEM form (PKCS#8). */
    public String privateKeyPem() {
        return bundle.getPrivateKeyPEM();
    }

    /** A key manager factory serving this certificate, for JDK-based TLS stacks (e.g. a pure-Java QUIC server). */
    public KeyManagerFactory keyManagerFactory() {
        try {
            return bundle.toKeyManagerFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a key manager for the self-signed certificate", e);
        }
    }

    /** A trust manager factory that trusts exactly this certificate (the chain's root) and nothing else. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("quiver-self-signed", root());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust manager for the self-signed certificate", e);
        }
    }

    /**
     * A client-side JDK {@link SSLContext} that trusts exactly this certificate, for
     * {@code java.net.http.HttpClient} and plain {@code SSLSocket}s (tests, probes).
     */
    public SSLContext clientSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client SSLContext for the self-signed certificate", e);
        }
    }

    @Override
    public String toString() {
        X509Certificate c = certificate();
        return "SelfSignedCertificate[" + c.getSubjectX500Principal().getName() + ", SAN " + SUBJECT_ALTERNATIVE_NAMES
                + ", valid until " + c.getNotAfter().toInstant() + "]";
    }
}
