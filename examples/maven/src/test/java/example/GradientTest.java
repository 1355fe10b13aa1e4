package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/** A user's test of jgrad code: Surefire needs the same JVM flags as the programs (see pom.xml). */
class GradientTest {
    @Test
    void gradientOfASquare() {
        Variable w = Variable.of(3f);
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = w.mul(w).mul(2f);          // 2 w^2
            Tensor g = tape.gradient(loss, w);       // 4 w
            assertEquals(12.0, g.item(), 1e-6);
        }
    }
}
