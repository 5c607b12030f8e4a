package dev.augur.predictor.runtime.hf;

import java.util.List;

/**
 * The generated text with its stop sequences: it ends before the first stop sequence produced, and while a stream
 * goes on, the end that could still become a stop sequence is held back, so no client ever sees part of one.
 */
final class StopText {
    private final List<String> stops;
    private final StringBuilder text = new StringBuilder();
    private int released;
    private boolean stopped;

    StopText(List<String> stops) {
        this.stops = stops;
    }

    /** Appends decoded text; true when a stop sequence appeared (the text is cut before it). */
    boolean add(String piece) {
        if (stopped || piece.isEmpty()) {
            return stopped;
        }
        int longest = 0;
        for (String s : stops) {
            longest = Math.max(longest, s.length());
        }
        int from = Math.max(0, text.length() - longest + 1);
        text.append(piece);
        int cut = -1;
        for (String s : stops) {
            int i = text.indexOf(s, from);
            if (i >= 0 && (cut < 0 || i < cut)) {
                cut = i;
            }
        }
        if (cut >= 0) {
            text.setLength(cut);
            stopped = true;
        }
        return stopped;
    }

    boolean stopped() {
        return stopped;
    }

    /** The text that can go to the client now: all but an end that is the start of a stop sequence. */
    String releasable() {
        int hold = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, text.length()); k > hold; k--) {
                if (text.substring(text.length() - k).equals(s.substring(0, k))) {
                    hold = k;
                    break;
                }
            }
        }
        int end = Math.max(released, text.length() - hold);
        String piece = text.substring(released, end);
        released = end;
        return piece;
    }

    /** Everything not released yet (generation is over). */
    String rest() {
        String piece = text.substring(Math.min(released, text.length()));
        released = text.length();
        return piece;
    }

    String text() {
        return text.toString();
    }
}
