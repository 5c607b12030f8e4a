package dev.augur.predictor.runtime.pmml;

import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.pmml4s.model.Model;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * PMML models, evaluated by PMML4S (Apache-2.0; JPMML's evaluator, which KServe's PMML server uses, is AGPL-3.0).
 * Outputs are the model's PMML output fields, named as KServe's PMML server names them.
 */
@ApplicationScoped
public class PmmlRuntime implements ModelRuntime {

    @Override
    public Set<String> formats() {
        return Set.of("pmml");
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(".pmml");
    }

    /** Parses one copy per instance up front (see {@link PmmlModel} on why calls evaluate on copies). */
    @Override
    public LoadedModel load(Path file, ModelSettings settings) throws Exception {
        checkWellFormed(file);
        byte[] xml = Files.readAllBytes(file);
        List<Model> copies = new ArrayList<>(settings.instances());
        for (int i = 0; i < settings.instances(); i++) {
            copies.add(Model.fromBytes(xml));
        }
        return new PmmlModel(xml, copies);
    }

    /**
     * PMML4S reports malformed XML as "Not a valid PMML" (and prints the parser's complaint to stderr); the JDK's
     * parser says where the file is broken. External entities and DTDs are refused.
     */
    private static void checkWellFormed(Path file) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            factory.newSAXParser().parse(in, new DefaultHandler());
        } catch (SAXParseException e) {
            throw new IOException(file.getFileName() + " is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + "): " + e.getMessage());
        }
    }
}
