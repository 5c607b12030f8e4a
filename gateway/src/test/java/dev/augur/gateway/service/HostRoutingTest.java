package dev.augur.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostRoutingTest {

    @Test
    void serviceAndNamespaceFromHost() {
        assertEquals(Optional.of(new HostRouting.Route("iris", "default")),
                HostRouting.parse("iris.default.example.com", "example.com"));
    }

    @Test
    void portAndCaseAreIgnored() {
        assertEquals(Optional.of(new HostRouting.Route("iris", "ml")),
                HostRouting.parse("IRIS.ml.Example.com:8080", "example.com"));
    }

    @Test
    void otherHostsRouteByPath() {
        assertTrue(HostRouting.parse("localhost:8080", "example.com").isEmpty());
        assertTrue(HostRouting.parse("127.0.0.1", "example.com").isEmpty());
        assertTrue(HostRouting.parse("[::1]:8080", "example.com").isEmpty());
        assertTrue(HostRouting.parse(null, "example.com").isEmpty());
    }

    @Test
    void needsExactlyServiceAndNamespace() {
        assertTrue(HostRouting.parse("iris.example.com", "example.com").isEmpty());
        assertTrue(HostRouting.parse("a.iris.default.example.com", "example.com").isEmpty());
    }
}
