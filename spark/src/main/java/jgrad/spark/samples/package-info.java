/** The spark-mnist sample: a local standalone Spark cluster (or a real one) training the MNIST MLP. */
package jgrad.spark.samples;
