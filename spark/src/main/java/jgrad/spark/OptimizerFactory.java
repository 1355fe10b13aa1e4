package jgrad.spark;

import java.io.Serializable;
import java.util.function.Supplier;
import jgrad.nn.optimizers.Optimizer;

/**
 * Makes the optimizer each executor's replica steps with in local SGD (for example
 * {@code () -> new Adam(1e-3)}); it must match the driver model's optimizer, whose state the
 * replicas start every round from. Only this factory is Java-serialised, never an optimizer.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable, Supplier<Optimizer> {}
