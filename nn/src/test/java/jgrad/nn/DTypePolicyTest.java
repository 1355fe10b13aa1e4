package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.recurrent.Masks;
import jgrad.nn.losses.Loss;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A float64 model end to end: weights, computation, gradients, fit; and the ways to ask for one. */
class DTypePolicyTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(11);
    }

    private static Sequential float64Model() {
        try (DTypePolicy.Scope _ = DTypePolicy.scoped(DType.FLOAT64)) {
            return new Sequential(Input.of(3), new Dense(4, "tanh"), new LayerNormalization(), new Dense(1));
        }
    }

    @Test
    void aFloat64ModelTrainsInFloat64AndItsGradientsMatchFiniteDifferences() {
        Sequential m = float64Model();
        assertThat(DTypePolicy.current()).isEqualTo(DType.FLOAT32); // the scope is closed
        for (Variable w : m.weights()) {
            assertThat(w.dtype()).as(w.name()).isEqualTo(DType.FLOAT64);
        }
        Rng rng = new Rng(4);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 16, 3);
        Tensor y = x.sum(new int[] {1}, true).sin();
        Loss mse = Loss.get("mse");

        // Analytic gradients of the loss in every weight against central differences, h = 1e-6:
        // only a float64 computation agrees to ~1e-9 (float32 rounding alone is ~1e-7 of the loss).
        List<Variable> vars = m.trainableWeights();
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            grads = tape.gradient(mse.call(y, m.call(x, true)), vars);
        }
        double h = 1e-6;
        double worst = 0;
        for (int v = 0; v < vars.size(); v++) {
            Variable w = vars.get(v);
            assertThat(grads.get(v).dtype()).isEqualTo(DType.FLOAT64);
            double[] base = w.toDoubleArray();
            double[] analytic = grads.get(v).toDoubleArray();
            for (int k = 0; k < base.length; k++) {
                double[] plus = base.clone();
                plus[k] += h;
                w.assign(Tensor.fromFlat(plus, w.shape().dims()));
                double lp = mse.call(y, m.call(x, true)).item();
                double[] minus = base.clone();
                minus[k] -= h;
                w.assign(Tensor.fromFlat(minus, w.shape().dims()));
                double lm = mse.call(y, m.call(x, true)).item();
                w.assign(Tensor.fromFlat(base, w.shape().dims()));
                double numeric = (lp - lm) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - analytic[k]) / (1e-6 + Math.abs(analytic[k])));
            }
        }
        assertThat(worst).isLessThan(1e-6);

        m.compile(new Adam(0.01), "mse");
        History hist = m.fit(x, y, FitOptions.builder().epochs(30).batchSize(8).seed(1).verbose(0).build());
        List<Double> loss = hist.history().get("loss");
        assertThat(loss.getLast()).isLessThan(loss.getFirst());
        for (Variable w : m.weights()) {
            assertThat(w.dtype()).as(w.name()).isEqualTo(DType.FLOAT64);
        }
        // float32 data into the float64 model is computed in float64.
        assertThat(m.predict(x.cast(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void float64DataKeepsItsPrecisionThroughAFunctionalModelMadeOutsideTheScope() {
        SymbolicTensor in;
        Dense d;
        try (DTypePolicy.Scope _ = DTypePolicy.scoped(DType.FLOAT64)) {
            in = Input.of(1);
            d = Dense.builder(1).useBias(false).build();
        }
        Model m = Model.of(in, d.call(in)); // the model object itself is made under the float32 policy
        d.setWeights(List.of(Tensor.of(new double[][] {{1}})));
        double v = 1 + 1e-12;
        assertThat(m.predict(Tensor.of(new double[][] {{v}})).getDouble(0, 0)).isEqualTo(v);
    }

    @Test
    void setDtypeConvertsAnUnbuiltModelAndRefusesABuiltOneNamingTheScope() {
        Sequential lazy = new Sequential(new Dense(4, "relu"), new Dense(1));
        lazy.setDtype(DType.FLOAT64);
        lazy.build(3);
        for (Variable w : lazy.weights()) {
            assertThat(w.dtype()).as(w.name()).isEqualTo(DType.FLOAT64);
        }
        Sequential built = new Sequential(Input.of(3), new Dense(2));
        assertThatThrownBy(() -> built.setDtype(DType.FLOAT64)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is built, its weights are float32")
                .hasMessageContaining("DTypePolicy.scoped(DType.FLOAT64)");
        assertThatThrownBy(() -> DTypePolicy.scoped(DType.INT64)).hasMessageContaining("float32 or float64, got int64");
    }

    @Test
    void theGlobalPolicyAppliesToLayersMadeAfterIt() {
        DType before = DTypePolicy.global();
        try {
            DTypePolicy.setGlobal(DType.FLOAT64);
            Dense d = new Dense(2);
            assertThat(d.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(Input.of(2).dtype()).isEqualTo(DType.FLOAT64);
            try (DTypePolicy.Scope _ = DTypePolicy.scoped(DType.FLOAT32)) {
                assertThat(new Dense(2).dtype()).isEqualTo(DType.FLOAT32);
            }
        } finally {
            DTypePolicy.setGlobal(before);
        }
        assertThat(new Dense(2).dtype()).isEqualTo(DType.FLOAT32);
    }

    /** A wrapper that makes its sublayer while it builds, as TransformerEncoder does. */
    private static final class Wrapper extends Layer {
        Dense inner;

        @Override
        protected void build(jgrad.core.Shape inputShape) {
            inner = addSublayer(Dense.builder(1).useBias(false).build());
        }

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            return inner.call(x, training);
        }

        @Override
        protected jgrad.core.Shape computeOutputShape(jgrad.core.Shape inputShape) {
            return jgrad.core.Shape.of(1);
        }
    }

    @Test
    void layersMadeWhileBuildingTakeTheBuildingLayersDtype() {
        Wrapper w = new Wrapper();
        w.setDtype(DType.FLOAT64);
        w.call(Tensor.ones(2, 3), false); // built outside any policy scope
        assertThat(w.inner.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(w.inner.weights().get(0).dtype()).isEqualTo(DType.FLOAT64);

        // A lazily built Sequential made under float32 feeds its float64 first layer without rounding.
        Dense d;
        try (DTypePolicy.Scope _ = DTypePolicy.scoped(DType.FLOAT64)) {
            d = Dense.builder(1).useBias(false).build();
        }
        Sequential lazy = new Sequential(d);
        lazy.build(1);
        d.setWeights(List.of(Tensor.of(new double[][] {{1}})));
        double v = 1 + 1e-12;
        assertThat(lazy.predict(Tensor.of(new double[][] {{v}})).getDouble(0, 0)).isEqualTo(v);
    }

    /** A layer that records the mask its input arrives with. */
    private static final class MaskProbe extends Layer {
        Tensor seen;

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            seen = Masks.of(x);
            return x;
        }
    }

    @Test
    void aMaskTravelsWithTheInputWhenALayerCastsIt() {
        MaskProbe probe = new MaskProbe();
        probe.setDtype(DType.FLOAT64);
        Tensor x = Tensor.ones(2, 3, 1);
        Tensor mask = Tensor.fromFlat(new boolean[] {true, true, false, true, false, false}, 2, 3);
        Masks.attach(x, mask);
        Tensor out = probe.call(x, false);
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(probe.seen).isSameAs(mask);
    }
}
