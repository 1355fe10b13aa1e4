package jgrad.samples;

import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;

/**
 * Higher-order gradients with nested tapes: the first and second derivative of tanh at a few
 * points, from an outer tape watching the inner tape's gradient computation, next to the closed
 * forms {@code 1 - tanh^2(x)} and {@code -2 tanh(x) (1 - tanh^2(x))}.
 */
public final class SecondDerivative {
    private SecondDerivative() {}

    /** First and second derivative of tanh at every entry of {@code x} (float64). */
    record Derivatives(Tensor first, Tensor second) {}

    static Derivatives ofTanh(Tensor x) {
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor y = x.tanh();
                dy = inner.gradient(y, x); // recorded by the outer tape: it is a function of x too
            }
            Tensor d2y = outer.gradient(dy, x);
            return new Derivatives(dy, d2y);
        }
    }

    public static void main(String[] args) {
        Args.parse("second-derivative", args);
        Tensor x = Tensor.linspace(DType.FLOAT64, -2, 2, 9);
        Derivatives d = ofTanh(x);
        System.out.println("y = tanh(x); dy/dx from an inner tape, d2y/dx2 from an outer tape around it");
        System.out.println();
        System.out.println("     x     dy/dx    1-tanh^2    d2y/dx2  -2tanh(1-tanh^2)    |error|");
        double worst = 0;
        for (int i = 0; i < x.size(); i++) {
            double xi = x.getDouble(i);
            double t = Math.tanh(xi);
            double first = 1 - t * t;
            double second = -2 * t * (1 - t * t);
            double error = Math.max(Math.abs(d.first().getDouble(i) - first), Math.abs(d.second().getDouble(i) - second));
            worst = Math.max(worst, error);
            System.out.printf(Locale.ROOT, "%6.2f  %8.5f  %10.5f  %9.5f  %16.5f  %9.2e%n", xi, d.first().getDouble(i),
                    first, d.second().getDouble(i), second, error);
        }
        System.out.printf(Locale.ROOT, "%nlargest difference from the closed forms: %.2e (float64)%n", worst);
    }
}
