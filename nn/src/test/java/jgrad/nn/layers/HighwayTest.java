package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.io.LayerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Highway (Srivastava et al. 2015): the forward formula, the identity as b_T goes to -infinity,
 * the tape's gradients against a hand-written backward pass, gradcheck and gradgradcheck in
 * float64, width errors, config and registry.
 */
class HighwayTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(14);
    }

    private static Highway f64(Highway h, Tensor x) {
        h.setDtype(DType.FLOAT64);
        h.call(x);
        return h;
    }

    private static Tensor rand(Rng r, int... shape) {
        return Tensor.randomUniform(r, DType.FLOAT64, -1, 1, shape);
    }

    /** Random weights everywhere (the gate's bias too), so every path carries signal. */
    private static Highway randomised(Highway h, Rng r) {
        int n = h.kernel().dim(0);
        h.kernel().assign(rand(r, n, n));
        h.bias().assign(rand(r, n));
        h.transformKernel().assign(rand(r, n, n));
        h.transformBiasWeight().assign(rand(r, n));
        return h;
    }

    @Test
    void forwardIsHTimesTPlusXTimesOneMinusT() {
        Rng r = new Rng(1);
        Tensor x = rand(r, 3, 4);
        Highway h = randomised(f64(new Highway("tanh", -2), x), r);
        Tensor hx = x.matmul(h.kernel()).add(h.bias()).tanh();
        Tensor t = x.matmul(h.transformKernel()).add(h.transformBiasWeight()).sigmoid();
        Tensor want = hx.mul(t).add(x.mul(Tensor.onesLike(t).sub(t)));
        assertThat(h.call(x).allClose(want, 0, 1e-14)).isTrue();
        assertThat(h.transformGate(x).allClose(t, 0, 1e-14)).isTrue();
        assertThat(h.countParams()).isEqualTo(2 * (4 * 4 + 4));
        // A rank-3 input is applied to its last axis.
        Tensor x3 = rand(r, 2, 3, 4);
        assertThat(h.call(x3).reshape(6, 4).allClose(h.call(x3.reshape(6, 4)), 0, 1e-14)).isTrue();
    }

    @Test
    void transformBiasStartsAtTheArgumentAndFarNegativeIsTheIdentity() {
        Tensor x = rand(new Rng(2), 5, 3);
        Highway keras = f64(new Highway(), x);
        assertThat(keras.transformBiasWeight().value().toDoubleArray()).containsExactly(-2, -2, -2);
        assertThat(keras.bias().value().toDoubleArray()).containsExactly(0, 0, 0);
        Highway closed = f64(new Highway("relu", -60), x);
        assertThat(closed.call(x).allClose(x, 0, 1e-12)).isTrue();
        // Wide open (b_T large): y = H(x).
        Highway open = f64(new Highway("relu", 60), x);
        Tensor hx = x.matmul(open.kernel()).add(open.bias()).relu();
        assertThat(open.call(x).allClose(hx, 0, 1e-12)).isTrue();
    }

    @Test
    void tapeGradientsMatchAHandWrittenBackwardPass() {
        Rng r = new Rng(3);
        Tensor x = rand(r, 4, 3);
        Tensor up = rand(r, 4, 3);
        Highway h = randomised(f64(new Highway("tanh", -1), x), r);
        List<Tensor> g;
        Tensor xv = x.contiguous();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(xv);
            Tensor loss = h.call(xv).mul(up).sum();
            g = tape.gradient(loss, List.of(xv, h.kernel(), h.bias(), h.transformKernel(), h.transformBiasWeight()));
        }
        double[][] xa = x.toDoubleArray2D();
        double[][] wh = h.kernel().value().toDoubleArray2D();
        double[] bh = h.bias().value().toDoubleArray();
        double[][] wt = h.transformKernel().value().toDoubleArray2D();
        double[] bt = h.transformBiasWeight().value().toDoubleArray();
        double[][] u = up.toDoubleArray2D();
        int n = 4;
        int d = 3;
        double[][] dx = new double[n][d];
        double[][] dwh = new double[d][d];
        double[] dbh = new double[d];
        double[][] dwt = new double[d][d];
        double[] dbt = new double[d];
        for (int i = 0; i < n; i++) {
            double[] zh = new double[d];
            double[] zt = new double[d];
            for (int j = 0; j < d; j++) {
                zh[j] = bh[j];
                zt[j] = bt[j];
                for (int k = 0; k < d; k++) {
                    zh[j] += xa[i][k] * wh[k][j];
                    zt[j] += xa[i][k] * wt[k][j];
                }
            }
            for (int j = 0; j < d; j++) {
                double hh = Math.tanh(zh[j]);
                double t = 1 / (1 + Math.exp(-zt[j]));
                double gzh = u[i][j] * t * (1 - hh * hh);          // through H
                double gzt = u[i][j] * (hh - xa[i][j]) * t * (1 - t); // through T
                dx[i][j] += u[i][j] * (1 - t);                     // the carry path
                dbh[j] += gzh;
                dbt[j] += gzt;
                for (int k = 0; k < d; k++) {
                    dwh[k][j] += xa[i][k] * gzh;
                    dwt[k][j] += xa[i][k] * gzt;
                    dx[i][k] += gzh * wh[k][j] + gzt * wt[k][j];
                }
            }
        }
        assertThat(g.get(0).allClose(Tensor.of(dx), 0, 1e-12)).isTrue();
        assertThat(g.get(1).allClose(Tensor.of(dwh), 0, 1e-12)).isTrue();
        assertThat(g.get(2).allClose(Tensor.of(dbh), 0, 1e-12)).isTrue();
        assertThat(g.get(3).allClose(Tensor.of(dwt), 0, 1e-12)).isTrue();
        assertThat(g.get(4).allClose(Tensor.of(dbt), 0, 1e-12)).isTrue();
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Rng r = new Rng(4);
        Tensor x = rand(r, 2, 3);
        for (String act : new String[] {"tanh", "sigmoid", null}) {
            Highway h = randomised(f64(Highway.builder().activation(act).transformBias(-1).build(), x), r);
            Function<List<Tensor>, Tensor> f = in -> h.call(in.get(0));
            GradCheck.check(f, List.of(x)).assertPassed();
            GradCheck.gradGradCheck(f, List.of(x)).assertPassed();
        }
    }

    @Test
    void widthsMustMatch() {
        Highway h = Highway.builder().units(50).build();
        assertThatThrownBy(() -> h.call(Tensor.zeros(2, 64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(Highway): input and output widths must match")
                .hasMessageContaining("units is 50 but the input is (None, 64)");
        Highway built = new Highway();
        built.call(Tensor.zeros(2, 4));
        assertThatThrownBy(() -> built.call(Tensor.zeros(2, 5))).hasMessageContaining("widths must match")
                .hasMessageContaining("built for 4 features").hasMessageContaining("[2, 5]");
        SymbolicTensor in = Input.of(7);
        assertThatThrownBy(() -> Highway.builder().units(6).build().call(in)).hasMessageContaining("units is 6");
        assertThatThrownBy(() -> Highway.builder().units(-1).build()).hasMessageContaining("units must be > 0");
        assertThatThrownBy(() -> Highway.builder().transformBias(Double.NaN).build())
                .hasMessageContaining("transformBias must be finite");
    }

    @Test
    void configRegistryAndASequentialStack() {
        Highway h = Highway.builder().units(5).activation("relu").transformBias(-4).name("hw").build();
        Highway back = (Highway) LayerRegistry.create("Highway", h.config());
        assertThat(back.config()).isEqualTo(h.config());
        assertThat(back.transformBias()).isEqualTo(-4);
        Sequential m = new Sequential(Dense.builder(5).inputShape(3).build(), new Highway("relu", -4),
                new Highway("relu", -4), new Dense(2, "softmax"));
        assertThat(m.predict(Tensor.ones(4, 3)).shape().dims()).containsExactly(4, 2);
        Model copy = Model.fromJson(m.toJson());
        assertThat(copy.countParams()).isEqualTo(m.countParams());
        assertThat(m.summaryString()).contains("Highway");
        assertThatThrownBy(() -> new Highway().transformGate(Tensor.zeros(1, 1))).hasMessageContaining("not built");
    }
}
