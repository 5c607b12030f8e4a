package dev.augur.predictor.runtime.pmml;

import dev.augur.predictor.runtime.SignedModel;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.pmml4s.common.StructField;
import org.pmml4s.metadata.Field;
import org.pmml4s.model.Model;

/**
 * A PMML model with numeric input fields: one FP64 input {@value #INPUT} [-1, fields] whose columns are the active
 * fields in the MiningSchema's order (also accepted as named features, see {@link #featureNames()}); one output
 * [N] per PMML output field, named by the field, FP64 for numbers and BYTES for strings. A missing result (e.g. a
 * null prediction) is NaN or the empty string.
 */
final class PmmlModel extends SignedModel {
    static final String INPUT = "input";

    /**
     * Idle parsed copies. PMML4S does not document its models as safe for concurrent evaluation (pmml4s issue #14
     * reported wrong results under threads), so each call evaluates on a copy of its own. Calls may run inline on
     * the receiving thread, beyond the model's instances, so taking a copy never blocks: when none is idle, one
     * more is parsed and kept (copies grow to the highest concurrency seen).
     */
    private final ConcurrentLinkedQueue<Model> idle;
    private final AtomicInteger copies;
    private final byte[] xml;
    private final List<String> fields;

    PmmlModel(byte[] xml, List<Model> parsed) {
        this(xml, parsed, inputFields(parsed.get(0)));
    }

    private PmmlModel(byte[] xml, List<Model> parsed, List<String> fields) {
        super("pmml4s_pmml", List.of(new TensorSpec(INPUT, DataType.FP64, new long[] {-1, fields.size()})),
                outputs(parsed.get(0)), xml.length);
        this.fields = fields;
        this.xml = xml;
        this.idle = new ConcurrentLinkedQueue<>(parsed);
        this.copies = new AtomicInteger(parsed.size());
    }

    private static List<String> inputFields(Model m) {
        if (!m.isScorable()) {
            throw new IllegalArgumentException("the PMML model is marked isScorable=false");
        }
        List<String> names = new ArrayList<>();
        for (Field f : m.inputFields()) {
            if (!f.dataType().isNumeric()) {
                throw new IllegalArgumentException("input field '" + f.name() + "' is " + f.dataType()
                        + "; only numeric input fields are supported");
            }
            names.add(f.name());
        }
        return List.copyOf(names);
    }

    private static List<TensorSpec> outputs(Model m) {
        List<TensorSpec> outs = new ArrayList<>();
        for (StructField f : m.outputSchema().fields()) {
            outs.add(new TensorSpec(f.name(), f.dataType().isNumeric() ? DataType.FP64 : DataType.BYTES,
                    new long[] {-1}));
        }
        return outs;
    }

    @Override
    public List<String> featureNames() {
        return fields;
    }

    @Override
    public boolean tabularOutputs() {
        return true;
    }

    @Override
    public long memoryBytes() {
        return (long) xml.length * copies.get();
    }

    @Override
    public List<Tensor> infer(List<Tensor> in, List<String> wanted) {
        Tensor x = in.get(0);
        int rows = (int) x.shape()[0];
        int cols = fields.size();
        Object[][] results = new Object[rows][];
        Model model = idle.poll();
        if (model == null) {
            model = Model.fromBytes(xml);
            copies.incrementAndGet();
        }
        try {
            Object[] row = new Object[cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = x.getDouble(r * cols + c);
                    row[c] = Double.isNaN(v) ? null : v; // NaN is a missing value to PMML
                }
                results[r] = model.predict(row);
            }
        } finally {
            idle.add(model);
        }
        List<Tensor> out = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            out.add(column(name, results, rows));
        }
        return out;
    }

    private Tensor column(String name, Object[][] results, int rows) {
        int k = 0;
        while (!outputs().get(k).name().equals(name)) {
            k++;
        }
        long[] shape = {rows};
        if (outputs().get(k).datatype() == DataType.FP64) {
            double[] v = new double[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = results[r][k] instanceof Number n ? n.doubleValue() : Double.NaN;
            }
            return Tensor.ofDoubles(name, shape, v);
        }
        byte[][] e = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            Object v = results[r][k];
            e[r] = (v == null ? "" : v.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return Tensor.ofBytes(name, shape, e, null);
    }

    @Override
    public void close() {
        idle.clear();
    }
}
