package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/** The explainer reproduces the lecture notes' (003) backward pass line by line. */
class ExplainerTest {
    @Test
    void reproducesTheNotesForwardPass() {
        String text = new Notes003().graph().explain();
        assertThat(text).contains(
                "  h = add(n2, b1) = [[7.5, 14, 27, 12.5]]\n",
                "  o = add(n6, b2) = [[121.5, 62.5]]\n",
                "  loss = div(n12, 2) = 9213.25\n",
                "Backward pass: the gradient of loss (L = 9213.25) with respect to every node, seeded with"
                        + " dL/dloss = 1.\n");
    }

    @Test
    void reproducesTheNotesGradientsStepByStep() {
        String text = new Notes003().graph().explain();
        // dloss/do = 2 (o - y) / 2 = [120.5, 62.5]: the notes' first backward line, through mean, square and sub.
        assertThat(text).contains("""
                Step 1 of 8: loss = div(n12, 2)
                  rule: div: dL/dx = g / y, dL/dy = -g * x / y^2   (x = n12, y = 2)
                  g = dL/dloss = 1
                  dL/dn12 = g / 2 = 1 / 2
                          = 0.5
                """);
        assertThat(text).contains("""
                Step 3 of 8: n11 = square(n10)
                  rule: square: dL/dx = g * 2 * x   (x = n10)
                  g = dL/dn11 = [[0.5, 0.5]]
                  dL/dn10 = g * 2 * n10 = [[0.5, 0.5]] * 2 * [[120.5, 62.5]]
                          = [[120.5, 62.5]]
                """);
        assertThat(text).contains("""
                Step 4 of 8: n10 = sub(o, y)
                  rule: sub: dL/dx = g, dL/dy = -g   (x = o)
                  g = dL/dn10 = [[120.5, 62.5]]
                  dL/do = g
                        = [[120.5, 62.5]]
                """);
        // db2 = dL/do, and the notes' h^T . dL/do for dW2.
        assertThat(text).contains("""
                  dL/db2 = g
                         = [[120.5, 62.5]]
                """);
        assertThat(text).contains("""
                Step 6 of 8: n6 = matmul(h, W2)
                  rule: matmul: dL/dx = g @ y^T, dL/dy = x^T @ g   (x = h, y = W2)
                  g = dL/dn6 = [[120.5, 62.5]]
                  dL/dh = g @ W2^T = [[120.5, 62.5]] @ [[1, 0.5, 3, 2], [2, 0.5, 1, 1]]
                        = [[245.5, 91.5, 424, 303.5]]
                  dL/dW2 = h^T @ g = [[7.5], [14], [27], [12.5]] @ [[120.5, 62.5]]
                         = [[903.75, 468.75], [1687, 875], [3253.5, 1687.5], [1506.25, 781.25]]
                """);
        assertThat(text).contains("""
                Step 8 of 8: n2 = matmul(x, W1)
                  rule: matmul: dL/dx = g @ y^T, dL/dy = x^T @ g   (y = W1)
                  g = dL/dn2 = [[245.5, 91.5, 424, 303.5]]
                  dL/dW1 = x^T @ g = [[3], [5]] @ [[245.5, 91.5, 424, 303.5]]
                         = [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]
                """);
        assertThat(text).endsWith("""
                Gradients of the leaves (what tape.gradient returns for them):
                  dL/dW1 = [[736.5, 274.5, 1272, 910.5], [1227.5, 457.5, 2120, 1517.5]]
                  dL/db1 = [[245.5, 91.5, 424, 303.5]]
                  dL/dW2 = [[903.75, 468.75], [1687, 875], [3253.5, 1687.5], [1506.25, 781.25]]
                  dL/db2 = [[120.5, 62.5]]
                """);
    }

    @Test
    void theStepsCarryTheNotesNumbers() {
        Notes003 n = new Notes003();
        Graph g = n.graph();
        assertThat(g.steps()).hasSize(8);
        BackwardStep layer2 = g.steps().get(5);
        assertThat(layer2.upstream().toDoubleArray2D()).isEqualTo(Notes003.DB2);
        assertThat(layer2.terms()).extracting(BackwardStep.Term::inputId).containsExactly(g.nodeOf(n.h).id(),
                g.nodeOf(n.w2).id());
        assertThat(layer2.terms().get(1).local().toDoubleArray2D()).isEqualTo(Notes003.DW2);
        assertThat(g.steps().get(7).terms().getFirst().local().toDoubleArray2D()).isEqualTo(Notes003.DW1);
    }

    @Test
    void showsBroadcastSumsAndAccumulation() {
        Variable b = Variable.of(Tensor.of(new double[] {1, 2}), "b");
        Tensor x = Tensor.of(new double[][] {{1, 1}, {2, 2}, {3, 3}});
        try (GradientTape tape = new GradientTape()) {
            Tensor z = x.add(b);
            Tensor loss = z.sum().add(b.sum());
            String text = Graph.builder(tape).name(z, "z").name(loss, "loss").build().backward(loss).explain();
            assertThat(text).contains("""
                      dL/db = g broadcast back to b's shape = 1 broadcast back to shape [2]
                            = [1, 1]
                    """);
            assertThat(text).contains("""
                      dL/db += g
                             = [[1, 1], [1, 1], [1, 1]]
                             summed over the broadcast axes to [2]: [3, 3]
                             added to what b already had: dL/db = [4, 4]
                    """);
            assertThat(text).contains("  dL/db = [4, 4]\n");
        }
    }

    @Test
    void largeValuesAreNotWrittenIntoFormulas() {
        Variable w = Variable.of(Tensor.ones(jgrad.core.DType.FLOAT64, 6, 6), "w");
        Tensor x = Tensor.ones(jgrad.core.DType.FLOAT64, 5, 6);
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = x.matmul(w).sum();
            String step = Explainer.step(Graph.of(tape).backward(loss), Graph.of(tape).backward(loss).steps().get(1));
            assertThat(step).contains("  dL/dw = n0^T @ g\n        = [5, 5, 5, ..., 5, 5, 5] (36 values, shape [6, 6],"
                    + " min 5, mean 5, max 5)\n");
        }
    }

    @Test
    void explainingNeedsGradients() {
        Tensor x = Tensor.of(1.0);
        assertThatThrownBy(() -> Explainer.explain(Graph.trace(Tensor::exp, x))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call graph.backward(target) first");
        String result = Explainer.result(Graph.trace(t -> t.mul(2.0), x).backward());
        assertThat(result).isEqualTo("Gradients of the leaves (what tape.gradient returns for them):\n"
                + "  dL/dinput = 2\n");
        List<String> forward = Explainer.forward(Graph.trace(Tensor::exp, x)).lines().toList();
        assertThat(forward).containsExactly("Forward pass (the ops the tape recorded, in order):",
                "  leaves: input (watched)", "  output = exp(input) = 2.718282");
    }
}
