package dev.augur.protocol.core;

/** A model input or output as metadata describes it; -1 marks a variable dimension. */
public record TensorSpec(String name, DataType datatype, long[] shape) {
}
