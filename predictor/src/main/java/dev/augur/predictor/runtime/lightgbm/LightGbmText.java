package dev.augur.predictor.runtime.lightgbm;

import java.io.IOException;

/**
 * Checks the layout of a LightGBM text model before LightGBM parses it. LightGBM reads tree {@code i} at the byte
 * offset its {@code tree_sizes} header gives, without checking the offset against the text's length, so a
 * truncated model crashes the JVM (SIGSEGV in {@code LightGBM::Tree::Tree}, seen with lightgbmlib 3.3.510). Here
 * every tree must start where the sizes say and {@code end of trees} must follow the last one.
 *
 * <p>What is inside a tree is left to LightGBM, but not to its parallel tree parser: with {@code tree_sizes} it
 * parses trees on OpenMP threads, and an error there (e.g. a tree without {@code num_leaves}) aborts the process
 * ("terminate called without an active exception"). {@link #withoutTreeSizes} drops that header line, so LightGBM
 * parses the trees one after another on the calling thread and returns its errors through the C API.
 */
final class LightGbmText {
    private static final String TREE = "Tree=";
    private static final String END = "end of trees";

    private LightGbmText() {
    }

    static void validate(String text, String file) throws IOException {
        if (!text.startsWith("tree")) {
            throw new IOException(file + " is not a LightGBM text model (it does not start with 'tree'); save "
                    + "models with Booster.save_model or LGBM_BoosterSaveModel");
        }
        // LightGBM reads header lines up to the first line that starts with "Tree=": the trees start there.
        int first = text.startsWith(TREE) ? 0 : text.indexOf("\n" + TREE);
        if (first < 0) {
            throw new IOException(file + " is not a complete LightGBM model: it has no trees");
        }
        first = text.charAt(first) == '\n' ? first + 1 : first;
        String sizes = header(text.substring(0, first), "tree_sizes=");
        if (sizes == null) {
            if (!text.contains("\n" + END)) {
                throw new IOException(file + " is not a complete LightGBM model: '" + END + "' is missing");
            }
            return;
        }
        String[] parts = sizes.isBlank() ? new String[0] : sizes.strip().split(" +");
        long offset = first;
        for (int i = 0; i < parts.length; i++) {
            if (offset >= text.length() || !text.startsWith(TREE, (int) offset)) {
                throw new IOException(file + " is not a complete LightGBM model: tree " + i + " is not at offset "
                        + (offset - first) + " as tree_sizes says (truncated or edited?)");
            }
            try {
                offset += Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": tree_sizes has '" + parts[i] + "', not a size");
            }
        }
        int end = (int) Math.min(offset, text.length());
        while (end < text.length() && (text.charAt(end) == '\n' || text.charAt(end) == '\r')) {
            end++;
        }
        if (offset > text.length() || !text.startsWith(END, end)) {
            throw new IOException(file + " is not a complete LightGBM model: '" + END + "' does not follow the "
                    + parts.length + " trees of tree_sizes (truncated or edited?)");
        }
    }

    /** The model without its {@code tree_sizes=} header line (LightGBM then parses the trees sequentially). */
    static String withoutTreeSizes(String text) {
        int at = text.startsWith("tree_sizes=") ? 0 : text.indexOf("\ntree_sizes=");
        int first = text.indexOf("\nTree=");
        if (at < 0 || (first >= 0 && at > first)) {
            return text;
        }
        int start = at == 0 ? 0 : at + 1;
        int end = text.indexOf('\n', start);
        return end < 0 ? text.substring(0, start) : text.substring(0, start) + text.substring(end + 1);
    }

    private static String header(String head, String key) {
        for (String line : head.split("\r?\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length());
            }
        }
        return null;
    }
}
