package jgrad.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * How to test an op: the function to check, sample inputs (random within a domain, or fixed),
 * bad inputs with the message they must raise, and whether the op is differentiable. The op test
 * suite runs gradcheck, gradgradcheck, determinism and the error cases for every spec in the
 * registry; a user's own op gets the same checks by running {@link GradCheck} over its
 * {@link #samples()} (docs/adding-an-op.md shows the loop).
 *
 * <pre>{@code
 * OpSpec.builder("add", in -> in.get(0).add(in.get(1)))
 *     .shapes(new int[] {2, 3}, new int[] {2, 3})
 *     .shapes(new int[] {3, 1}, new int[] {1, 4})      // broadcasting
 *     .error("cannot broadcast", Tensor.zeros(2, 3), Tensor.zeros(4))
 *     .build();
 * }</pre>
 */
public final class OpSpec {
    /** One input of a sample: random float64 values of a shape within a domain, or a fixed tensor. */
    public sealed interface Input permits RandomInput, FixedInput {}

    public record RandomInput(Shape shape, double low, double high) implements Input {}

    public record FixedInput(Tensor tensor) implements Input {}

    /** A list of inputs the function is checked at. */
    public record Sample(List<Input> inputs) {}

    /** Inputs that must make the function throw an IllegalArgumentException containing a message. */
    public record ErrorCase(List<Tensor> inputs, String messageContains, Class<? extends Throwable> type) {}

    private final String name;
    private final Function<List<Tensor>, Tensor> function;
    private final List<Sample> samples;
    private final List<ErrorCase> errors;
    private final boolean differentiable;
    private final boolean secondOrder;
    private final double atol;
    private final double rtol;

    private OpSpec(Builder b) {
        this.name = b.name;
        this.function = b.function;
        this.samples = List.copyOf(b.samples);
        this.errors = List.copyOf(b.errors);
        this.differentiable = b.differentiable;
        this.secondOrder = b.secondOrder;
        this.atol = b.atol;
        this.rtol = b.rtol;
    }

    public static Builder builder(String name, Function<List<Tensor>, Tensor> function) {
        return new Builder(name, function);
    }

    /** Random input of a shape in the spec's default domain. */
    public static Input random(int... shape) {
        return new RandomInput(Shape.of(shape), Double.NaN, Double.NaN);
    }

    /** Random input of a shape within [low, high]. */
    public static Input random(double low, double high, int... shape) {
        return new RandomInput(Shape.of(shape), low, high);
    }

    public static Input fixed(Tensor t) {
        return new FixedInput(t);
    }

    public String name() {
        return name;
    }

    public Function<List<Tensor>, Tensor> function() {
        return function;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<ErrorCase> errors() {
        return errors;
    }

    public boolean differentiable() {
        return differentiable;
    }

    public boolean secondOrder() {
        return secondOrder;
    }

    public double atol() {
        return atol;
    }

    public double rtol() {
        return rtol;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds an {@link OpSpec}; default domain [-2, 2], tolerances atol 1e-5 and rtol 1e-3. */
    public static final class Builder {
        private final String name;
        private final Function<List<Tensor>, Tensor> function;
        private final List<Sample> samples = new ArrayList<>();
        private final List<ErrorCase> errors = new ArrayList<>();
        private double low = -2;
        private double high = 2;
        private boolean differentiable = true;
        private boolean secondOrder = true;
        private double atol = 1e-5;
        private double rtol = 1e-3;

        private Builder(String name, Function<List<Tensor>, Tensor> function) {
            this.name = Objects.requireNonNull(name, "name");
            this.function = Objects.requireNonNull(function, "function");
        }

        /** The range random inputs without their own range are drawn from. */
        public Builder domain(double low, double high) {
            if (!(low < high)) {
                throw new IllegalArgumentException("domain: low " + low + " must be below high " + high);
            }
            this.low = low;
            this.high = high;
            return this;
        }

        /** A sample of random inputs with these shapes. */
        public Builder shapes(int[]... shapes) {
            List<Input> in = new ArrayList<>();
            for (int[] s : shapes) {
                in.add(random(s));
            }
            samples.add(new Sample(List.copyOf(in)));
            return this;
        }

        /** A sample mixing random and fixed inputs. */
        public Builder sample(Input... inputs) {
            samples.add(new Sample(List.of(inputs)));
            return this;
        }

        /** The op must reject these inputs with an IllegalArgumentException containing the text. */
        public Builder error(String messageContains, Tensor... inputs) {
            errors.add(new ErrorCase(List.of(inputs), messageContains, IllegalArgumentException.class));
            return this;
        }

        public Builder error(Class<? extends Throwable> type, String messageContains, Tensor... inputs) {
            errors.add(new ErrorCase(List.of(inputs), messageContains, type));
            return this;
        }

        /** The op has no gradient; the suite checks that asking for one fails clearly. */
        public Builder notDifferentiable() {
            this.differentiable = false;
            this.secondOrder = false;
            return this;
        }

        /** Skip gradgradcheck (say why in a comment where you call this). */
        public Builder firstOrderOnly() {
            this.secondOrder = false;
            return this;
        }

        public Builder tolerance(double atol, double rtol) {
            this.atol = atol;
            this.rtol = rtol;
            return this;
        }

        public OpSpec build() {
            if (samples.isEmpty()) {
                throw new IllegalStateException("OpSpec '" + name + "' has no sample: add shapes(...) or sample(...)");
            }
            // Resolve the default domain into every random input now that it is final.
            for (int i = 0; i < samples.size(); i++) {
                List<Input> out = new ArrayList<>();
                for (Input in : samples.get(i).inputs()) {
                    if (in instanceof RandomInput r && Double.isNaN(r.low())) {
                        out.add(new RandomInput(r.shape(), low, high));
                    } else {
                        out.add(in);
                    }
                }
                samples.set(i, new Sample(List.copyOf(out)));
            }
            return new OpSpec(this);
        }
    }
}
