package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in Debian's headless Chromium, as a person uses it: each page against the suite's real gateway and
 * predictor processes. Expected values come from outside the console (scikit-learn's reference file, the gateway's
 * service table, the number of requests the test sent). Screenshots land in target/console-screenshots.
 */
@QuarkusTest
class ConsoleBrowserTest {
    private static final JsonPath REFERENCE = JsonPath.from(
            new File(LocalServices.MODELS.resolve("iris-logreg/reference.json").toString()));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String url(String page) {
        return "http://localhost:" + RestAssured.port + "/console/#/" + page;
    }

    private static String row(int r) {
        return REFERENCE.getList("inputs[" + r + "]", Float.class).toString();
    }

    @Test
    void servicesPageShowsEachServiceWithTheReadinessTheGatewayReports() {
        Gateway.readyPort("iris");
        browser.open(url("services"));
        WebElement iris = browser.await(WAIT, "iris listed as Ready", d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("tr[data-service='iris'] td.ready"));
            return !rows.isEmpty() && rows.get(0).getText().equals("Ready") ? rows.get(0) : null;
        });
        assertEquals("Ready", iris.getText());
        List<Map<String, Object>> table = given().get("/augur/services").then().statusCode(200).extract()
                .jsonPath().getList("services");
        for (Map<String, Object> s : table) {
            String expected = Boolean.TRUE.equals(s.get("ready")) ? "Ready" : "Not ready";
            browser.await(WAIT, s.get("name") + " shown as " + expected, d -> d.findElements(
                    By.cssSelector("tr[data-service='" + s.get("name") + "'] td.ready")).stream()
                    .anyMatch(e -> e.getText().equals(expected)));
        }
        browser.screenshot("services");
    }

    @Test
    void servicesPageShowsAServicesComponentsAndModelFormat() {
        browser.open(url("services"));
        WebElement pipeline = browser.await(WAIT, "pipeline listed", d -> d.findElements(
                By.cssSelector("tr[data-service='pipeline']")).stream().findFirst().orElse(null));
        String text = pipeline.getText();
        assertTrue(text.contains("transformer") && text.contains("explainer") && text.contains("onnx"), text);
    }

    @Test
    void tryItShowsScikitLearnsLabels() {
        Gateway.readyPort("iris");
        browser.open(url("try/iris"));
        WebElement body = browser.await(WAIT, "request editor pre-filled from the model's metadata",
                d -> d.findElements(By.id("try-body")).stream().filter(e -> !e.getAttribute("value").isBlank())
                        .findFirst().orElse(null));
        assertTrue(body.getAttribute("value").contains("instances"), body.getAttribute("value"));
        body.clear();
        body.sendKeys("{\"instances\": [" + row(0) + ", " + row(60) + ", " + row(120) + "]}");
        browser.driver.findElement(By.id("try-send")).click();
        WebElement answer = browser.await(WAIT, "an answer", d -> {
            WebElement a = d.findElement(By.id("try-answer"));
            return a.getText().contains("predictions") ? a : null;
        });
        List<Integer> got = JsonPath.from(answer.getText()).getList("predictions", Integer.class);
        assertEquals(List.of(REFERENCE.getInt("labels[0]"), REFERENCE.getInt("labels[60]"),
                REFERENCE.getInt("labels[120]")), got);
        assertTrue(browser.driver.findElement(By.id("try-latency")).getText().matches("HTTP 200 in [0-9.]+ ms.*"));
        browser.screenshot("try-it");
    }

    /** KernelSHAP's bars add up to f(x) - E[f(background)] computed from scikit-learn's probabilities. */
    @Test
    void explainDrawsOneBarPerFeatureAddingUpToScikitLearnsDifference() {
        Gateway.await("pipeline", Duration.ofSeconds(120),
                l -> l.size() == 3 && l.stream().allMatch(r -> "READY".equals(r.get("state"))), "READY");
        browser.open(url("try/pipeline"));
        WebElement body = browser.await(WAIT, "request editor", d -> d.findElements(By.id("try-body")).stream()
                .findFirst().orElse(null));
        body.clear();
        body.sendKeys("{\"instances\": [" + row(0) + "]}");
        browser.driver.findElement(By.id("try-explain")).click();
        List<WebElement> bars = browser.await(Duration.ofSeconds(60), "attribution bars", d -> {
            List<WebElement> b = d.findElements(By.cssSelector("#explain-chart rect[data-feature]"));
            return b.size() == 4 ? b : null;
        });
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                bars.stream().map(b -> b.getAttribute("data-feature")).toList());
        double sum = bars.stream().mapToDouble(b -> Double.parseDouble(b.getAttribute("data-value"))).sum();
        int cls = REFERENCE.getInt("labels[0]");
        double mean = 0;
        for (int i = 0; i < 150; i++) {
            mean += REFERENCE.getDouble("probabilities[" + i + "][" + cls + "]") / 150;
        }
        assertEquals(REFERENCE.getDouble("probabilities[0][" + cls + "]") - mean, sum, 1e-4);
        browser.screenshot("explain");
    }

    @Test
    void chartNumbersMoveAfterABurstOfRequests() {
        Gateway.readyPort("iris");
        browser.open(url("charts/iris"));
        long before = browser.await(WAIT, "the charts", d -> d.findElements(By.id("charts-service")).isEmpty() ? null
                : windowRequests(d.findElements(By.cssSelector("section[data-service='iris'] .window-requests"))));
        int burst = 60;
        for (int i = 0; i < burst; i++) {
            given().contentType("application/json").body("{\"instances\": [" + row(i) + "]}")
                    .post("/v1/models/iris:predict").then().statusCode(200);
        }
        long after = browser.await(WAIT, "the window's request count to grow by the burst", d -> {
            long n = windowRequests(d.findElements(By.cssSelector("section[data-service='iris'] .window-requests")));
            return n >= before + burst ? n : null;
        });
        assertTrue(after >= before + burst);
        WebElement rps = browser.driver.findElement(By.cssSelector("#rps-iris [data-series='requests']"));
        assertFalse(rps.getAttribute("data-latest").isEmpty(), "requests/s has a latest value");
        browser.await(WAIT, "a p50 latency", d -> !d.findElement(By.cssSelector("#latency-iris [data-series='p50']"))
                .getAttribute("data-latest").isEmpty());
        browser.screenshot("charts");
    }

    private static long windowRequests(List<WebElement> found) {
        return found.isEmpty() ? 0 : Long.parseLong(found.get(0).getText().trim());
    }

    @Test
    void aJobsProgressBarReachesHundredPercent() {
        Gateway.readyPort("iris");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            file.append("{\"instances\": [").append(row(i)).append("]}\n");
        }
        String id = given().contentType("application/x-ndjson").body(file.toString().getBytes(StandardCharsets.UTF_8))
                .post("/augur/jobs/iris").then().statusCode(201).extract().jsonPath().getString("id");
        browser.open(url("jobs"));
        WebElement bar = browser.await(Duration.ofSeconds(60), "job " + id + " at 100%", d -> d.findElements(
                By.cssSelector("tr[data-job='" + id + "'][data-state='succeeded'] .bar[data-percent='100']")).stream()
                .findFirst().orElse(null));
        assertEquals("100", bar.getAttribute("data-percent"));
        WebElement link = browser.driver.findElement(By.cssSelector("tr[data-job='" + id + "'] a[download]"));
        assertTrue(link.getAttribute("href").endsWith("/augur/jobs/iris/" + id + "/results"));
        browser.screenshot("jobs");
    }

    @Test
    void modelsPageListsThePredictorsModelAndUnloadsAndLoadsIt() {
        Gateway.readyPort("iris");
        browser.open(url("models/iris"));
        awaitState("READY");
        try {
            browser.driver.findElement(By.xpath("//tr[@data-model='iris'][1]//button[text()='Unload']")).click();
            awaitState("UNAVAILABLE");
        } finally {
            browser.open(url("models/iris"));
            browser.await(WAIT, "the models table", d -> d.findElements(By.xpath(
                    "//tr[@data-model='iris'][1]//button[text()='Load']")).stream().findFirst().orElse(null)).click();
            awaitState("READY");
        }
        given().contentType("application/json").body("{\"instances\": [" + row(0) + "]}")
                .post("/v1/models/iris:predict").then().statusCode(200);
        browser.screenshot("models");
    }

    private static void awaitState(String state) {
        browser.await(WAIT, "iris " + state, d -> d.findElements(By.cssSelector("tr[data-model='iris'] td.state"))
                .stream().anyMatch(e -> e.getText().equals(state)));
    }
}
