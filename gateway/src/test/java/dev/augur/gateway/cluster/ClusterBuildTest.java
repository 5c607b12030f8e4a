package dev.augur.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The cluster image (built with {@code -Dquarkus.profile=cluster}) carries no class of local mode's process
 * supervisor: read from the build files themselves, since this test runs on the local build's class path. The cluster
 * build's enforcer rule (profile {@code cluster}) fails that build if the supervisor still comes in.
 */
class ClusterBuildTest {
    private static final String SUPERVISOR = "augur-supervisor";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noModuleOnTheGatewaysDefaultClassPathDependsOnTheSupervisor() throws Exception {
        // Every augur module the gateway depends on outside profiles, followed through their own poms.
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("gateway"));
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (!seen.add(module)) {
                continue;
            }
            for (String artifact : augurDependencies(pom(module).getDocumentElement())) {
                assertFalse(artifact.equals(SUPERVISOR),
                        module + "/pom.xml depends on " + SUPERVISOR + " outside a profile");
                todo.push(artifact.substring("augur-".length()));
            }
        }
        assertTrue(seen.contains("catalog"), "the gateway depends on the catalog seam: " + seen);
    }

    @Test
    void onlyANonClusterProfileAddsTheSupervisor() throws Exception {
        List<String> activations = new ArrayList<>();
        for (Element profile : children(child(pom("gateway").getDocumentElement(), "profiles"), "profile")) {
            if (augurDependencies(profile).contains(SUPERVISOR)) {
                Element property = child(child(profile, "activation"), "property");
                activations.add(text(property, "name") + "=" + text(property, "value"));
            }
        }
        assertEquals(List.of("quarkus.profile=!cluster"), activations);
    }

    @Test
    void theClusterProfileBansTheSupervisor() throws Exception {
        Element cluster = null;
        for (Element profile : children(child(pom("gateway").getDocumentElement(), "profiles"), "profile")) {
            if ("cluster".equals(text(profile, "id"))) {
                cluster = profile;
            }
        }
        assertTrue(cluster != null, "gateway/pom.xml has no profile cluster");
        Element property = child(child(cluster, "activation"), "property");
        assertEquals("quarkus.profile=cluster", text(property, "name") + "=" + text(property, "value"));
        NodeList excludes = cluster.getElementsByTagName("exclude");
        List<String> banned = new ArrayList<>();
        for (int i = 0; i < excludes.getLength(); i++) {
            banned.add(excludes.item(i).getTextContent().trim());
        }
        assertEquals(List.of("dev.augur:" + SUPERVISOR), banned);
    }

    private static Document pom(String module) throws Exception {
        Path file = ROOT.resolve(module).resolve("pom.xml");
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The dev.augur artifacts in the {@code <dependencies>} directly under that element (no profiles, no management). */
    private static List<String> augurDependencies(Element owner) {
        List<String> out = new ArrayList<>();
        for (Element d : children(child(owner, "dependencies"), "dependency")) {
            if ("dev.augur".equals(text(d, "groupId")) && !"test".equals(text(d, "scope"))) {
                out.add(text(d, "artifactId"));
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent, name)) {
            return e;
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
