package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The repository extension: Triton's index, KServe's load and unload, over REST and gRPC, while serving. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class RepositoryApiTest {
    private static final String ROW = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[6.8,2.8,4.8,1.4]}]}";

    @AfterEach
    void restore() throws Exception {
        Path v2 = TestRepository.root().resolve("iris-live/2");
        if (Files.exists(v2)) {
            Files.delete(v2.resolve("model.onnx"));
            Files.delete(v2);
        }
        given().post("/v2/repository/models/iris-live/load").then().statusCode(200);
    }

    @Test
    void indexListsStateAndReason() {
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == 'iris-logreg' }.state", equalTo("READY"))
                .body("find { it.name == 'iris-logreg' }.version", equalTo("1"))
                .body("find { it.name == 'broken' }.state", equalTo("UNAVAILABLE"))
                .body("find { it.name == 'broken' }.reason", not(equalTo("")));
    }

    @Test
    void readyIndexLeavesOutFailedModels() {
        given().body("{\"ready\": true}").post("/v2/repository/index").then().statusCode(200)
                .body("name", not(hasItem("broken"))).body("name", hasItem("iris-logreg"));
    }

    @Test
    void indexReportsMemoryHeld() {
        long onDisk = given().body("{}").post("/v2/repository/index").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == 'iris-forest' }.memory_bytes");
        assertTrue(onDisk > 0, "memory_bytes " + onDisk);
    }

    @Test
    void unloadMakesTheModelUnavailableAndLoadBringsItBack() {
        given().post("/v2/repository/models/iris-live/unload").then().statusCode(200)
                .body("name", equalTo("iris-live")).body("unload", equalTo(true));
        given().body(ROW).post("/v2/models/iris-live/infer").then().statusCode(503)
                .body("error", equalTo("model 'iris-live' is not loaded; load it with POST "
                        + "/v2/repository/models/iris-live/load"));
        given().body("{}").post("/v2/repository/index").then()
                .body("find { it.name == 'iris-live' }.state", equalTo("UNAVAILABLE"));
        given().post("/v2/repository/models/iris-live/load").then().statusCode(200).body("load", equalTo(true));
        given().body(ROW).post("/v2/models/iris-live/infer").then().statusCode(200);
    }

    @Test
    void loadPicksUpANewVersion() throws Exception {
        Path v2 = TestRepository.root().resolve("iris-live/2");
        Files.createDirectories(v2);
        Files.copy(TestRepository.MODELS.resolve("iris-forest/1/model.onnx"), v2.resolve("model.onnx"));
        given().post("/v2/repository/models/iris-live/load").then().statusCode(200);
        given().get("/v2/models/iris-live").then().statusCode(200).body("versions", contains("1", "2"));
        given().body(ROW).post("/v2/models/iris-live/infer").then().statusCode(200).body("model_version", equalTo("2"));
    }

    @Test
    void loadingAnUnknownModelIs404() {
        given().post("/v2/repository/models/nowhere/load").then().statusCode(404)
                .body("error", equalTo("model 'nowhere' has no folder in the repository "
                        + TestRepository.root()));
    }

    @Test
    void failedReloadKeepsTheOldVersionServing() throws Exception {
        Path v2 = TestRepository.root().resolve("iris-live/2");
        Files.createDirectories(v2);
        Files.writeString(v2.resolve("model.onnx"), "garbage");
        given().post("/v2/repository/models/iris-live/load").then().statusCode(503)
                .body("error", org.hamcrest.Matchers.startsWith("model 'iris-live' failed to load: version 2: "));
        given().body(ROW).post("/v2/models/iris-live/infer").then().statusCode(200).body("model_version", equalTo("1"));
    }

    @Test
    void reloadUnderLoadFailsNoRequest() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v2/models/iris-live/infer");
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (!stop.get()) {
                    statuses.add(client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(ROW))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                    sent.incrementAndGet();
                }
                return statuses;
            }));
        }
        for (int i = 0; i < 5; i++) {
            int before = sent.get();
            given().post("/v2/repository/models/iris-live/load").then().statusCode(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.get() < before + 20 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        stop.set(true);
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertTrue(all.size() > 20, "requests sent during reloads: " + all.size());
        assertEquals(List.of(), all.stream().filter(s -> s != 200).toList());
    }

    @Test
    void grpcRepositoryCallsWork() {
        ManagedChannel ch = GrpcClients.channel();
        try {
            var stub = GrpcClients.stub(ch);
            RepositoryIndexResponse index = stub.repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true)
                    .build());
            assertTrue(index.getModelsList().stream().anyMatch(m -> m.getName().equals("iris-forest")
                    && m.getState().equals("READY")));
            assertTrue(stub.repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("iris-live")
                    .build()).getIsUnloaded());
            assertTrue(stub.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("iris-live")
                    .build()).getIsLoaded());
            StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> stub.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("nowhere")
                            .build()));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        } finally {
            ch.shutdownNow();
        }
    }
}
