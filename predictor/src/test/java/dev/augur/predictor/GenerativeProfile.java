package dev.augur.predictor;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The Hugging Face models' repository only ({@link GenerativeRepository}), not the shared test repository. */
public class GenerativeProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GenerativeRepository.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
