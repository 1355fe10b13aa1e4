/**
 * Data-parallel training of jgrad models on Apache Spark.
 *
 * <p>{@link jgrad.spark.SparkTrainer} trains any compiled single-input, single-output jgrad
 * {@code Model} over a Spark {@code Dataset<Row>}: every executor task holds a replica rebuilt
 * from the model's JSON architecture, receives the weights as jgrad's safetensors bytes through a
 * Spark broadcast, and sends back its gradients (or, in local SGD, its weights) through
 * {@code treeAggregate}; the driver's own optimizer takes the step. No model class is ever Java
 * serialised. See docs/spark.md.
 */
package jgrad.spark;
