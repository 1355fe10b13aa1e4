package jgrad.samples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one place samples are registered: a name, a one-line description and a main method each.
 * {@code ./jgrad list} prints them, {@code ./jgrad run <name> [args]} runs one.
 */
public final class Samples {
    /** A runnable sample: the name users type, what it shows, and its entry point. */
    public record Sample(String name, String description, Consumer<String[]> main) {}

    private static final List<Sample> ALL = List.of(
            new Sample("xor-tape", "XOR with a 2-2-1 sigmoid MLP trained by a GradientTape loop (notes 002, 2.5.1;"
                    + " ./jgrad demo)", XorTape::main),
            new Sample("and-log-loss", "AND perceptron with w=[2,2], b=-3.3: predictions and log loss 0.23035562"
                    + " (notes 002, 2.4)", AndLogLoss::main),
            new Sample("and-tape", "AND perceptron trained for 10 steps with a GradientTape from w=[0.01,0.01],"
                    + " b=0.01 (notes 002, 2.4)", AndTape::main),
            new Sample("second-derivative", "second derivative of tanh with nested GradientTapes, against the"
                    + " closed form", SecondDerivative::main));

    private Samples() {}

    /** Every registered sample, in the order {@code ./jgrad list} shows them. */
    public static List<Sample> all() {
        return ALL;
    }

    /** The sample called {@code name}; the exception lists the known names. */
    public static Sample find(String name) {
        for (Sample s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no sample named '" + name + "'; known samples: "
                + String.join(", ", ALL.stream().map(Sample::name).toList()));
    }

    /** {@code list}, or {@code run <name> [args]}. */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list")) {
            int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (Sample s : ALL) {
                System.out.printf(Locale.ROOT, "%-" + width + "s  %s%n", s.name(), s.description());
            }
            return;
        }
        if (args[0].equals("run") && args.length >= 2) {
            Sample s;
            try {
                s = find(args[1]);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            s.main().accept(Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        System.err.println("usage: Samples list | Samples run <name> [args]");
        System.exit(2);
    }
}
