package dev.quiver.server.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The QUIC interop runner's certificate chain ({@code certs.sh}, which its amplificationlimit case
 * asks for with length 9): a root CA that is not sent, {@code length - 1} intermediate CAs each
 * issued by the one before, and a leaf issued by the last. Like the runner's, the leaf carries 20
 * extra DNS names of 250 random letters and digits, so that with 9 certificates the server's TLS
 * Certificate message is above the 7500 bytes of Handshake data the runner asks of that case (EC
 * P-256 certificates of a few hundred bytes each would not get there).
 */
final class CertificateChain {

    /** The runner's inflation of the leaf: 20 names of 250 characters. */
    static final int FILLER_NAMES = 20;
    static final int FILLER_LENGTH = 250;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private CertificateChain() {
    }

    /**
     * @param length certificates the server sends, leaf first; at least 2 (1 is the plain self-signed certificate)
     * @param leaf the leaf's builder with its subject, validity and names; keys are made here
     * @return the leaf's bundle, whose certificate path is the leaf and the intermediates, and whose root is the CA
     */
    static X509Bundle generate(int length, CertificateBuilder leaf, Instant now) throws Exception {
        if (length < 2) {
            throw new IllegalArgumentException("a chain has at least 2 certificates, got " + length);
        }
        CertificateBuilder ca = new CertificateBuilder()
                .ecp256()
                .notBefore(now.minus(Duration.ofDays(1)))
                .notAfter(now.plus(Duration.ofDays(365)))
                .setIsCertificateAuthority(true)
                .setPathLengthConstraint(OptionalInt.of(100))
                .setKeyUsage(true, CertificateBuilder.KeyUsage.keyCertSign);
        X509Bundle issuer = ca.copy().subject("O=quiver root certificate authority").buildSelfSigned();
        for (int i = 1; i < length; i++) {
            issuer = ca.copy().subject("O=quiver intermediate " + i).buildIssuedBy(issuer);
        }
        SecureRandom random = new SecureRandom();
        CertificateBuilder inflated = leaf.copy();
        for (int i = 0; i < FILLER_NAMES; i++) {
            inflated.addSanDnsName(filler(random));
        }
        return inflated.buildIssuedBy(issuer);
    }

    private static String filler(SecureRandom random) {
        StringBuilder s = new StringBuilder(FILLER_LENGTH);
        for (int i = 0; i < FILLER_LENGTH; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }
}
