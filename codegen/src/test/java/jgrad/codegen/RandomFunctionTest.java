package jgrad.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.codegen.fused.Kernels;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random functions (DAGs mixing fusable elementwise ops, broadcasting, shared
 * intermediates and unfusable ops) compiled against eager: values and gradients, several calls.
 */
class RandomFunctionTest {
    @BeforeEach
    void synchronous() {
        Kernels.setSynchronous(true);
    }

    @AfterEach
    void restore() {
        Kernels.setSynchronous(false);
    }

    /** A random function of (a [5, 7], b [7], c [5, 1]) with {@code ops} ops, fixed by {@code seed}. */
    static TensorFunction randomFunction(long seed, int ops) {
        return in -> {
            Random r = new Random(seed);
            List<Tensor> vals = new ArrayList<>(List.of(in));
            for (int i = 0; i < ops; i++) {
                Tensor x = vals.get(r.nextInt(vals.size()));
                Tensor y = vals.get(r.nextInt(vals.size()));
                Tensor z = switch (r.nextInt(14)) {
                    case 0 -> x.add(y);
                    case 1 -> x.mul(y);
                    case 2 -> x.sub(y.mul(0.5));
                    case 3 -> x.tanh();
                    case 4 -> x.sigmoid();
                    case 5 -> x.sin();
                    case 6 -> x.maximum(y);
                    case 7 -> x.mul(0.7).add(0.1);
                    case 8 -> x.square().add(1.0).log();
                    case 9 -> x.abs().add(0.5).sqrt();
                    case 10 -> x.rank() == 2 ? x.softmax(-1) : x.exp();                      // unfusable
                    case 11 -> x.rank() == 2 && x.dim(1) > 1 ? x.transpose().transpose() : x.neg(); // shape ops
                    case 12 -> x.rank() == 2 ? x.sum(new int[] {1}, true) : x.cos();            // reduction
                    default -> Tensor.where(x.greater(y), x, y.mul(0.3));
                };
                vals.add(z);
            }
            // Every value feeds the output, so nothing is dead and intermediates are shared.
            Tensor out = vals.get(vals.size() - 1);
            for (int i = 3; i < vals.size() - 1; i += 3) {
                out = out.add(vals.get(i).mul(0.1));
            }
            return new Tensor[] {out.sum(), out};
        };
    }

    private static Tensor[] inputs(long seed) {
        Rng rng = new Rng(seed);
        return new Tensor[] {Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 7),
                Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 7), Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 1)};
    }

    @Test
    void randomFunctionsMatchEagerInValuesAndGradients() {
        int fusedGroups = 0;
        for (long seed = 0; seed < 10; seed++) {
            TensorFunction f = randomFunction(seed, 1 + (int) (seed % 12));
            CompiledFunction c = Jit.compile(f);
            for (int call = 0; call < 3; call++) {
                Tensor[] in = inputs(100 * seed + call);
                Tensor[] want;
                Tensor[] got;
                List<Tensor> gWant;
                List<Tensor> gGot;
                try (GradientTape tape = GradientTape.persistent()) {
                    tape.watch(in);
                    want = f.apply(in);
                    got = c.apply(in);
                    gWant = tape.gradient(want[0], in);
                    gGot = tape.gradient(got[0], in);
                }
                for (int o = 0; o < want.length; o++) {
                    assertThat(got[o].allClose(want[o], 1e-9, 1e-9)).as("seed %d call %d output %d\n%s", seed, call, o,
                            c.graph()).isTrue();
                }
                for (int i = 0; i < in.length; i++) {
                    assertThat(gGot.get(i) == null).isEqualTo(gWant.get(i) == null);
                    if (gWant.get(i) != null) {
                        assertThat(gGot.get(i).allClose(gWant.get(i), 1e-8, 1e-8))
                                .as("seed %d call %d gradient %d\n%s", seed, call, i, c.graph()).isTrue();
                    }
                }
            }
            assertThat(c.traceCount()).isEqualTo(1);
            fusedGroups += c.plan().fusedOps().size();
        }
        assertThat(fusedGroups).as("the random functions exercise fusion").isGreaterThan(5);
    }
}
