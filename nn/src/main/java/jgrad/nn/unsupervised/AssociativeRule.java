package jgrad.nn.unsupervised;

import jgrad.core.Tensor;

/**
 * A rule that changes a weight matrix {@code W [units, inputs]} from the activity {@code a}
 * ({@code [units]}) of the neurons it feeds and the stimulus {@code p} ({@code [inputs]}) they saw:
 * Hebb, Oja, instar, outstar. An {@link Associator} computes {@code a} from an unconditioned and a
 * conditioned stimulus and then calls {@link #update}.
 */
public interface AssociativeRule {
    /** The weights {@code [units, inputs]}. */
    Tensor weights();

    /** One update of the weights from the activity {@code a} and stimulus {@code p}. */
    void update(Tensor a, Tensor p);
}
