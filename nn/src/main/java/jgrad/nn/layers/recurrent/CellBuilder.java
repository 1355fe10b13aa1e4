package jgrad.nn.layers.recurrent;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Tensor;
import jgrad.nn.activations.Activations;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.regularizers.Regularizer;

/**
 * The keyword arguments every recurrent cell shares, with Keras's defaults: activation tanh,
 * recurrent_activation sigmoid, kernel glorot_uniform, recurrent_kernel orthogonal, bias zeros,
 * unit_forget_bias true, no dropout. Layer builders extend it, so {@code LSTM.builder(32)} takes
 * the cell's arguments and the layer's ({@code returnSequences}, ...) in one chain.
 */
public abstract class CellBuilder<B extends CellBuilder<B>> {
    final int units;
    String name;
    UnaryOperator<Tensor> activation = Activations.get("tanh");
    UnaryOperator<Tensor> recurrentActivation = Activations.get("sigmoid");
    boolean useBias = true;
    Initializer kernelInitializer = Initializers.glorotUniform();
    Initializer recurrentInitializer = Initializers.orthogonal();
    Initializer biasInitializer = Initializers.zeros();
    Regularizer kernelRegularizer;
    Regularizer recurrentRegularizer;
    Regularizer biasRegularizer;
    boolean unitForgetBias = true;
    boolean resetAfter = true;
    double dropout;
    double recurrentDropout;
    Long seed;
    // Convolutional cells only (ConvLSTM1D/2D/3D); set through their builders.
    int[] kernelSize;
    int[] strides;
    int[] dilationRate;
    String padding = "valid";

    CellBuilder(int units) {
        this.units = units;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    public B name(String name) {
        this.name = name;
        return self();
    }

    /** The output (candidate) activation by Keras name; "linear" or null for none. */
    public B activation(String activation) {
        this.activation = Activations.get(activation);
        return self();
    }

    public B activation(UnaryOperator<Tensor> activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return self();
    }

    /** The gates' activation by Keras name (sigmoid by default). */
    public B recurrentActivation(String activation) {
        this.recurrentActivation = Activations.get(activation);
        return self();
    }

    public B recurrentActivation(UnaryOperator<Tensor> activation) {
        this.recurrentActivation = Objects.requireNonNull(activation, "recurrentActivation");
        return self();
    }

    public B useBias(boolean useBias) {
        this.useBias = useBias;
        return self();
    }

    public B kernelInitializer(Initializer init) {
        this.kernelInitializer = Objects.requireNonNull(init, "kernelInitializer");
        return self();
    }

    public B kernelInitializer(String init) {
        return kernelInitializer(Initializers.get(init));
    }

    public B recurrentInitializer(Initializer init) {
        this.recurrentInitializer = Objects.requireNonNull(init, "recurrentInitializer");
        return self();
    }

    public B recurrentInitializer(String init) {
        return recurrentInitializer(Initializers.get(init));
    }

    public B biasInitializer(Initializer init) {
        this.biasInitializer = Objects.requireNonNull(init, "biasInitializer");
        return self();
    }

    public B biasInitializer(String init) {
        return biasInitializer(Initializers.get(init));
    }

    public B kernelRegularizer(Regularizer r) {
        this.kernelRegularizer = r;
        return self();
    }

    public B recurrentRegularizer(Regularizer r) {
        this.recurrentRegularizer = r;
        return self();
    }

    public B biasRegularizer(Regularizer r) {
        this.biasRegularizer = r;
        return self();
    }

    /** LSTM-family only: start the forget gate's bias at 1 (Jozefowicz et al. 2015), true by default. */
    public B unitForgetBias(boolean unitForgetBias) {
        this.unitForgetBias = unitForgetBias;
        return self();
    }

    /** GRU only: apply the reset gate after the recurrent matmul (true, Keras's and PyTorch's default). */
    public B resetAfter(boolean resetAfter) {
        this.resetAfter = resetAfter;
        return self();
    }

    /** Fraction of the input units dropped in training; one mask per sequence, shared by all steps. */
    public B dropout(double rate) {
        this.dropout = rate;
        return self();
    }

    /** Fraction of the recurrent state dropped before the recurrent matmul in training (Gal &amp; Ghahramani 2016). */
    public B recurrentDropout(double rate) {
        this.recurrentDropout = rate;
        return self();
    }

    /** Seed of the dropout masks. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Reads the entries {@link RecurrentCell#putConfig} writes. */
    B readConfig(Map<String, Object> c) {
        name((String) c.get("name"));
        if (c.containsKey("activation")) {
            activation((String) c.get("activation"));
        }
        if (c.containsKey("recurrent_activation")) {
            recurrentActivation((String) c.get("recurrent_activation"));
        }
        useBias(LayerConfig.bool(c, "use_bias", true));
        Initializer ki = LayerConfig.toInitializer(c.get("kernel_initializer"));
        Initializer ri = LayerConfig.toInitializer(c.get("recurrent_initializer"));
        Initializer bi = LayerConfig.toInitializer(c.get("bias_initializer"));
        if (ki != null) {
            kernelInitializer(ki);
        }
        if (ri != null) {
            recurrentInitializer(ri);
        }
        if (bi != null) {
            biasInitializer(bi);
        }
        kernelRegularizer(LayerConfig.toRegularizer(c.get("kernel_regularizer")));
        recurrentRegularizer(LayerConfig.toRegularizer(c.get("recurrent_regularizer")));
        biasRegularizer(LayerConfig.toRegularizer(c.get("bias_regularizer")));
        unitForgetBias(LayerConfig.bool(c, "unit_forget_bias", true));
        resetAfter(LayerConfig.bool(c, "reset_after", true));
        dropout(LayerConfig.number(c, "dropout", 0));
        recurrentDropout(LayerConfig.number(c, "recurrent_dropout", 0));
        if (c.get("seed") instanceof Number n) {
            seed(n.longValue());
        }
        return self();
    }
}
