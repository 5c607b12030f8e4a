package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugurImagesTest {

    @Test
    void theBuildsAndTheOperatorsImageNamesAreAugurs() {
        assertTrue(AugurImages.isAugur("augur/transformer-jvm:latest", "transformer"));
        assertTrue(AugurImages.isAugur("registry.example:5000/augur/explainer-native@sha256:ab", "explainer"));
        assertTrue(AugurImages.isAugur("ghcr.io/someone/augur-transformer:0.1.0", "transformer"));
    }

    @Test
    void otherImagesAndOtherKindsAreNot() {
        assertFalse(AugurImages.isAugur("kserve/image-transformer:v0.14", "transformer"));
        assertFalse(AugurImages.isAugur("someone/transformer-jvm:1", "transformer"));
        assertFalse(AugurImages.isAugur("augur/transformer-jvm:1", "explainer"));
    }

    @Test
    void repositoryDropsRegistryTagAndDigest() {
        assertEquals("b", AugurImages.repository("ghcr.io:443/a/b:1@sha256:00"));
        assertEquals("busybox", AugurImages.repository("busybox"));
    }
}
