package jgrad.nn.activations;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Tensor;

/**
 * Activation functions by Keras name ({@code Activations.get("relu")}). Any
 * {@code UnaryOperator<Tensor>} (a lambda, {@code Tensor::tanh}) can be used as an activation;
 * the named ones returned here are {@link Named} so that a model using them can be saved.
 */
public final class Activations {
    private Activations() {}

    /** An activation with its Keras name. */
    public record Named(String name, UnaryOperator<Tensor> function) implements UnaryOperator<Tensor> {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
        }

        @Override
        public Tensor apply(Tensor x) {
            return function.apply(x);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The names {@link #get} knows. */
    public static final List<String> NAMES = List.of("linear", "relu", "relu6", "sigmoid", "tanh", "softmax",
            "log_softmax", "elu", "selu", "softplus", "softsign", "gelu", "swish", "silu", "leaky_relu",
            "hard_sigmoid", "exponential");

    /**
     * The activation named {@code name}: linear (identity), relu, relu6, sigmoid, tanh, softmax
     * and log_softmax (last axis), elu (alpha 1), selu, softplus, softsign, gelu (exact, erf),
     * swish/silu, leaky_relu (Keras 3's negative slope 0.2), hard_sigmoid, exponential. Null or ""
     * mean linear.
     */
    public static Named get(String name) {
        if (name == null || name.isEmpty()) {
            return linear();
        }
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "linear", "identity", "none" -> linear();
            case "relu" -> new Named("relu", Tensor::relu);
            case "relu6" -> new Named("relu6", x -> x.clip(0, 6));
            case "sigmoid", "logistic" -> new Named("sigmoid", Tensor::sigmoid);
            case "tanh" -> new Named("tanh", Tensor::tanh);
            case "softmax" -> new Named("softmax", x -> x.softmax(-1));
            case "log_softmax" -> new Named("log_softmax", x -> x.logSoftmax(-1));
            case "elu" -> new Named("elu", x -> x.elu(1.0));
            case "selu" -> new Named("selu", Tensor::selu);
            case "softplus" -> new Named("softplus", Tensor::softplus);
            case "softsign" -> new Named("softsign", Tensor::softsign);
            case "gelu" -> new Named("gelu", Tensor::gelu);
            case "swish", "silu" -> new Named(key, Tensor::swish);
            case "leaky_relu" -> new Named("leaky_relu", x -> x.leakyRelu(0.2));
            case "hard_sigmoid" -> new Named("hard_sigmoid", Tensor::hardSigmoid);
            case "exponential" -> new Named("exponential", Tensor::exp);
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    public static Named linear() {
        return new Named("linear", x -> x);
    }

    /** The Keras name of {@code activation}, or null if it is a plain lambda. */
    public static String nameOf(UnaryOperator<Tensor> activation) {
        if (activation == null) {
            return "linear";
        }
        return activation instanceof Named n ? n.name() : null;
    }
}
