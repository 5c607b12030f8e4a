package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Requests of the {@code Security*Test} classes against {@link SecuredGateway}. */
final class Secured {
    private static volatile boolean irisReady;

    private Secured() {
    }

    static RequestSpecification as(String authorization) {
        RequestSpecification r = given().contentType("application/json");
        return authorization == null ? r : r.header("Authorization", authorization);
    }

    static String bearer(String credential) {
        return "Bearer " + credential;
    }

    /** Waits (once per run) until the iris predictor answers through the gateway, with the admin key. */
    static void awaitIris() {
        if (irisReady) {
            return;
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            Response r = as(bearer(SecuredGateway.ADMIN_KEY)).body(Iris.V2).post("/v2/models/iris/infer");
            last = r.statusCode();
            if (last == 200) {
                irisReady = true;
                return;
            }
            Gateway.sleep(200);
        }
        throw new AssertionError("iris did not answer through the gateway within 180 s; last status " + last);
    }

    static Metadata authorization(String value) {
        Metadata m = new Metadata();
        if (value != null) {
            m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        }
        return m;
    }

    static io.grpc.ClientInterceptor sending(String authorization) {
        return MetadataUtils.newAttachHeadersInterceptor(authorization(authorization));
    }

    /** The label output (INT64, raw) of both sample rows: versicolor (1) for iris-logreg. */
    static long[] labels(ModelInferResponse r) {
        for (int i = 0; i < r.getOutputsCount(); i++) {
            if (r.getOutputs(i).getName().equals("label")) {
                ByteBuffer b = r.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                return new long[] {b.getLong(), b.getLong()};
            }
        }
        throw new AssertionError("no label output in " + r);
    }
}
