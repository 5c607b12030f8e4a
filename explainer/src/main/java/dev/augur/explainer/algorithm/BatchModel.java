package dev.augur.explainer.algorithm;

/**
 * The model as the algorithms see it: a batch of rows in, one output vector per row out (class probabilities, or
 * one regression value). Algorithms call it with all the rows they can gather at once; the implementation splits
 * them into ModelInfer calls of bounded size.
 */
@FunctionalInterface
public interface BatchModel {
    double[][] predict(double[][] rows);
}
