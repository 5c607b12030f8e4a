package dev.augur.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.augur.gateway.openai.NodeClient;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and gRPC over TLS on the gateway's TLS port, with real clients that trust a CA the test made (keytool):
 * curl with {@code --cacert}, Python's grpcio with {@code ssl_channel_credentials}, the {@code openai} npm client;
 * a client trusting another CA fails the handshake; a certificate replaced on disk is served without a restart.
 * Expected answers are the iris model's (KServe's two sample rows are versicolor, 1, in
 * {@code models/iris-logreg/reference.json}).
 */
class TlsIT {
    private static final String V1 = "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}";
    private static final String PYTHON = "/usr/bin/python3";

    private static Path work;
    private static TestCertificates ca;
    private static TestCertificates otherCa;
    private static Path cert;
    private static Path key;
    private static TlsGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("augur-tls-it");
        ca = TestCertificates.authority(work.resolve("ca"), "Augur Test CA");
        otherCa = TestCertificates.authority(work.resolve("other-ca"), "Someone Else's CA");
        cert = work.resolve("ca/tls.crt");
        key = work.resolve("ca/tls.key");
        ca.issue("localhost", cert, key);
        gateway = new TlsGateway(Files.createDirectories(work.resolve("gateway")), cert, key);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        return new Run(p.exitValue(), out);
    }

    private static Run curl(Path caCert, String... more) throws Exception {
        List<String> c = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "--cacert", caCert.toString()));
        c.addAll(List.of(more));
        return run(c, Map.of());
    }

    @Test
    void curlTrustingTheCaGetsTheModelsAnswerOverHttp2() throws Exception {
        Run r = curl(ca.caCert, "--http2", "-w", "\n%{http_version}", "-H", "content-type: application/json",
                "-d", V1, gateway.https() + "/v1/models/iris:predict");
        assertEquals(0, r.exit(), r.output());
        assertEquals("{\"predictions\":[1,1]}\n2", r.output());
    }

    @Test
    void curlTrustingAnotherCaFailsTheHandshake() throws Exception {
        Run r = curl(otherCa.caCert, gateway.https() + "/v2/health/ready");
        // 60: "Peer certificate cannot be authenticated with given CA certificates".
        assertEquals(60, r.exit(), r.output());
    }

    private static Run python(Path caCert) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed (Debian's python3 with "
                + "python3-grpcio runs this client)");
        Run probe = run(List.of(PYTHON, "-c", "import grpc"), Map.of());
        assumeTrue(probe.exit() == 0, "python3-grpcio is not installed: " + probe.output());
        // Generic calls with hand-encoded messages: ModelReadyRequest{name: "iris"} is 0a 04 'iris', and
        // ModelReadyResponse{ready: true} is 08 01; no stubs to generate.
        Path script = work.resolve("grpc_tls_client.py");
        Files.writeString(script, """
                import sys, grpc
                ca, target = sys.argv[1], sys.argv[2]
                creds = grpc.ssl_channel_credentials(root_certificates=open(ca, 'rb').read())
                with grpc.secure_channel(target, creds) as channel:
                    ready = channel.unary_unary('/inference.GRPCInferenceService/ModelReady')
                    try:
                        answer = ready(b'\\x0a\\x04iris', timeout=20)
                        print('answer', answer.hex())
                    except grpc.RpcError as e:
                        print('status', e.code().name)
                """);
        return run(List.of(PYTHON, script.toString(), caCert.toString(), "localhost:" + gateway.tlsPort),
                Map.of());
    }

    @Test
    void pythonGrpcioWithSslCredentialsGetsModelReady() throws Exception {
        Run r = python(ca.caCert);
        assertEquals(0, r.exit(), r.output());
        assertEquals("answer 0801", lastLine(r), r.output());
    }

    @Test
    void pythonGrpcioTrustingAnotherCaIsUnavailable() throws Exception {
        Run r = python(otherCa.caCert);
        assertEquals(0, r.exit(), r.output());
        assertEquals("status UNAVAILABLE", lastLine(r), r.output());
    }

    /** The script's answer: gRPC's C core logs the failed handshake on stderr before it. */
    private static String lastLine(Run r) {
        return r.output().strip().lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void theOpenaiNpmClientListsTheServicesOverHttps() throws Exception {
        NodeClient.Result r = NodeClient.script("tls-models.mjs", List.of(gateway.https() + "/openai/v1", "iris"),
                Map.of("NODE_EXTRA_CA_CERTS", ca.caCert.toString()));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aCertificateReplacedOnDiskIsServedWithoutARestart() throws Exception {
        String before = served();
        assertEquals(TestCertificates.serial(cert), before);
        String renewed = ca.issue("localhost", cert, key);
        assertNotEquals(before, renewed);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String now = before;
        while (!now.equals(renewed) && System.nanoTime() < end) {
            Thread.sleep(250);
            try {
                now = served();
            } catch (SSLException e) {
                // Read between the key's move and the certificate's: a pair that does not match, until the next
                // reload reads both.
            }
        }
        assertEquals(renewed, now, "the gateway still serves the old certificate 60 s after the files changed");
    }

    /** The serial number of the certificate the TLS port presents, read by a client that trusts the CA. */
    private static String served() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("localhost", gateway.tlsPort)) {
            s.startHandshake();
            BigInteger serial = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
            return serial.toString(16);
        }
    }
}
