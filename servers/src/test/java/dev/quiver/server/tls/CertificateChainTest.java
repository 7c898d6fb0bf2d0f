package dev.quiver.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateChainTest {

    @Test
    void theRunnersChainOfNineIsSentLeafFirstAndVerifiesUpToItsRoot() throws Exception {
        SelfSignedCertificate chain = SelfSignedCertificate.generate(9);
        X509Certificate[] sent = chain.certificatePath();
        assertEquals(9, sent.length);
        assertEquals(chain.certificate(), sent[0]);
        assertEquals(-1, sent[0].getBasicConstraints(), "the leaf is no CA");
        for (int i = 1; i < sent.length; i++) {
            assertTrue(sent[i].getBasicConstraints() >= 0, "certificate " + i + " is a CA");
            sent[i - 1].verify(sent[i].getPublicKey());
        }
        X509Certificate root = chain.root();
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal(), "the root signs itself");
        assertTrue(Arrays.stream(sent).noneMatch(root::equals), "the root is not sent");
        sent[8].verify(root.getPublicKey());
        // The JDK's PKIX validation of the whole path against the root alone.
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(Arrays.asList(sent)), params);
        chain.trustManagerFactory();
    }

    @Test
    void nineCertificatesAreMoreThanTheRunnersSevenAndAHalfKilobytesOfHandshake() throws Exception {
        X509Certificate[] sent = SelfSignedCertificate.generate(9).certificatePath();
        int bytes = 0;
        for (X509Certificate c : sent) {
            bytes += c.getEncoded().length;
        }
        // The TLS Certificate message adds 5 bytes per entry; the Handshake flight adds EncryptedExtensions,
        // CertificateVerify and Finished. The certificates alone must already pass the runner's 7500.
        assertTrue(bytes > 7500, bytes + " bytes of certificates");
        int single = SelfSignedCertificate.generate().certificate().getEncoded().length;
        assertTrue(single < 1000, single + " bytes: the default certificate stays small");
    }

    @Test
    void oneIsTheSelfSignedCertificateAndTheLengthIsBounded() {
        SelfSignedCertificate one = SelfSignedCertificate.generate(1);
        assertArrayEquals(new X509Certificate[] {one.certificate()}, one.certificatePath());
        assertEquals(one.certificate(), one.root());
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate(0));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate(SelfSignedCertificate.MAX_CHAIN_LENGTH + 1));
    }
}
