/**
 * jgrad's neural-network library on top of jgrad.ops: layers, Sequential and functional models
 * with a Keras-like training API (compile, fit, evaluate, predict), losses, metrics, optimizers
 * and schedules, initializers, regularizers, callbacks, safetensors checkpoints and model files,
 * datasets and loaders, and PNG plots.
 */
module jgrad.nn {
    requires transitive jgrad.ops;
    requires com.google.gson;
    requires org.knowm.xchart;
    requires java.desktop;

    exports jgrad.nn;
    exports jgrad.nn.activations;
    exports jgrad.nn.anomaly;
    exports jgrad.nn.callbacks;
    exports jgrad.nn.initializers;
    exports jgrad.nn.io;
    exports jgrad.nn.layers;
    exports jgrad.nn.layers.recurrent;
    exports jgrad.nn.layers.attention;
    exports jgrad.nn.layers.activation;
    exports jgrad.nn.layers.conv;
    exports jgrad.nn.layers.pooling;
    exports jgrad.nn.layers.reshaping;
    exports jgrad.nn.layers.regularization;
    exports jgrad.nn.constraints;
    exports jgrad.nn.losses;
    exports jgrad.nn.metrics;
    exports jgrad.nn.optimizers;
    exports jgrad.nn.optimizers.schedules;
    exports jgrad.nn.regularizers;
    exports jgrad.nn.data;
    exports jgrad.nn.gan;
    exports jgrad.nn.plot;
    exports jgrad.nn.unsupervised;
}
