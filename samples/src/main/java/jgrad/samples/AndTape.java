package jgrad.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * The AND perceptron trained with a GradientTape (notes 002, section 2.4): ten steps of gradient
 * descent from w = [0.01, 0.01], b = 0.01 with eta 0.01, printing w and b after each step exactly
 * as the note does ({@code w = [+0.0100 +0.0100], b = +0.0075} ... {@code b = -0.0152}), then the
 * predictions.
 */
public final class AndTape {
    private AndTape() {}

    /** The printed lines of the trajectory and the final rounded predictions. */
    record Result(List<String> lines, Tensor yHat) {}

    static Result train() {
        int n = 4;
        Tensor X = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {0}, {0}, {1}});
        Variable w = Variable.of(new float[][] {{0.01f}, {0.01f}});
        Variable b = Variable.of(0.01f);
        float eta = 0.01f;
        Tensor one = Tensor.of(1f);

        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor a = X.matmul(w).add(b).sigmoid();
                Tensor L = y.mul(a.log()).add(one.sub(y).mul(one.sub(a).log())).neg().sum().div(n);

                List<Tensor> g = tape.gradient(L, w, b);
                Tensor graW = g.get(0);
                Tensor graB = g.get(1);

                w.assignAdd(graW.mul(-eta));
                b.assignAdd(graB.mul(-eta));
            }
            lines.add(String.format(Locale.ROOT, "w = [%+.4f %+.4f], b = %+.4f", w.getDouble(0, 0), w.getDouble(1, 0),
                    b.item()));
        }
        Tensor a = X.matmul(w).add(b).sigmoid();
        return new Result(lines, a.round());
    }

    public static void main(String[] args) {
        Args.parse("and-tape", args);
        Result r = train();
        r.lines().forEach(System.out::println);
        System.out.println("Predicted output =");
        System.out.println(Printing.asIntegers(r.yHat()));
    }
}
