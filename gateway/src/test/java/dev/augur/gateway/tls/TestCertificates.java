package dev.augur.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and server certificates made by the JDK's own {@code keytool} for one test run (EC P-256,
 * valid two days, SAN {@code localhost} and {@code 127.0.0.1}), written as the PEM files the gateway reads. Nothing
 * here is committed: every run makes its own, in a temporary folder.
 */
final class TestCertificates {
    private static final String PASS = "test-only";

    final Path dir;
    final Path caCert;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
    }

    /** A new CA in {@code dir} ({@code ca.p12}, {@code ca.crt}). */
    static TestCertificates authority(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        TestCertificates ca = new TestCertificates(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + name, "-ext", "bc:c", "-validity", "2", "-keystore", dir.resolve("ca.p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASS);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", dir.resolve("ca.p12").toString(),
                "-storepass", PASS, "-file", ca.caCert.toString());
        return ca;
    }

    /**
     * A server certificate signed by this CA, written to {@code cert} and {@code key} (PKCS#8 PEM): first to a
     * temporary name, then moved over, as a certificate manager replaces files.
     *
     * @return its serial number
     */
    String issue(String commonName, Path cert, Path key) throws Exception {
        Path work = Files.createTempDirectory(dir, "issue");
        Path p12 = work.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName, "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", PASS);
        keytool("-certreq", "-alias", "server", "-keystore", p12.toString(), "-storepass", PASS, "-file",
                work.resolve("server.csr").toString());
        keytool("-gencert", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(), "-storepass", PASS,
                "-infile", work.resolve("server.csr").toString(), "-outfile", work.resolve("server.crt").toString(),
                "-rfc", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext",
                "KU:c=digitalSignature", "-ext", "EKU=serverAuth");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASS.toCharArray());
        }
        PrivateKey pk = (PrivateKey) ks.getKey("server", PASS.toCharArray());
        Path keyTmp = work.resolve("server.key");
        Files.writeString(keyTmp, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pk.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.move(keyTmp, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(work.resolve("server.crt"), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return serial(cert);
    }

    static String serial(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return c.getSerialNumber().toString(16);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
