package jgrad.ops;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Composed expressions checked against PyTorch: outputs, gradients and Hessian-vector products in
 * float64, to 1e-10 relative. The reference values come from {@code scripts/make_torch_fixtures.py}
 * (run once with Debian's python3-torch, committed as {@code fixtures/torch_reference.json}); this
 * test only reads them. Each expression below is the Java spelling of the script's case of the same
 * name.
 */
class TorchReferenceTest {
    /** Allowed error: {@code RTOL * (|expected| + largest |expected| in the tensor)}. */
    private static final double RTOL = 1e-10;

    private static final String FIXTURE = "/fixtures/torch_reference.json";

    private static final Map<String, Function<Map<String, Tensor>, Tensor>> EXPRESSIONS = Map.ofEntries(
            entry("softmax_ce_logits", in -> Losses.categoricalCrossEntropyWithLogits(in.get("y"), in.get("z"))),
            entry("sparse_ce_logits",
                    in -> Losses.sparseCategoricalCrossEntropyWithLogits(in.get("labels"), in.get("z"))),
            entry("categorical_ce_probs", in -> Losses.categoricalCrossEntropy(in.get("y"), in.get("z").softmax(-1))),
            entry("logsumexp_axis1", in -> in.get("x").logSumExp(new int[] {1}, false)),
            entry("logsumexp_axes_keepdims", in -> in.get("x").logSumExp(new int[] {0, 2}, true)),
            entry("gelu_tanh_chain", in -> {
                Tensor x = in.get("x");
                return x.gelu().mul(x.tanh()).add(x.tanh().gelu());
            }),
            entry("dense_sigmoid_bce", in -> Losses.binaryCrossEntropy(in.get("y"),
                    in.get("x").matmul(in.get("w")).add(in.get("b")).sigmoid())),
            entry("bce_with_logits", in -> Losses.binaryCrossEntropyWithLogits(in.get("y"), in.get("z"))),
            entry("broadcast_mul_div", in -> in.get("a").mul(in.get("b")).div(in.get("c").add(2))),
            entry("broadcast_pow", in -> in.get("a").pow(in.get("b"))),
            entry("sub_square_sqrt_rsqrt", in -> {
                Tensor a = in.get("a");
                Tensor b = in.get("b");
                return a.sub(b).square().add(1).sqrt().add(b.square().add(0.5).rsqrt());
            }),
            entry("max_min_reduce", in -> in.get("x").max(new int[] {1}, true).mul(in.get("x").min(new int[] {0}, true))),
            entry("max_min_all", in -> {
                Tensor x = in.get("x");
                return x.max().add(x.min().mul(2)).add(x.max(new int[] {0, 2}, false).sum());
            }),
            entry("prod_reduce", in -> in.get("x").prod(new int[] {1}, false).mul(in.get("x").prod())),
            entry("maximum_minimum_clip", in -> {
                Tensor a = in.get("a");
                Tensor b = in.get("b");
                return a.maximum(b).mul(a.minimum(b)).add(a.clip(-0.5, 0.5));
            }),
            entry("gather_rows_cols",
                    in -> in.get("x").gather(in.get("rows"), 0).gather(in.get("cols"), 1).mul(in.get("w"))),
            entry("concat_slice_pad", in -> Tensor.concat(List.of(in.get("x"), in.get("y")), 1).slice(1, 1, 5, 2)
                    .pad(new int[][] {{1, 0}, {0, 2}}, 0.5).tanh()),
            entry("split_stack", in -> {
                List<Tensor> p = in.get("x").split(2, 1);
                return Tensor.stack(List.of(p.get(0).mul(p.get(1)), p.get(0).sub(p.get(1))), 0);
            }),
            entry("batched_matmul_permute_reshape",
                    in -> in.get("x").matmul(in.get("w")).permute(0, 2, 1).reshape(2, 9)),
            entry("matmul_transposed", in -> in.get("a").matmul(in.get("b"), true, true).sigmoid()),
            entry("matmul_broadcast_batch", in -> in.get("x").matmul(in.get("w")).mean(new int[] {1, 3}, false)),
            entry("variance_std",
                    in -> in.get("x").variance(new int[] {1}, true).add(in.get("x").std(new int[] {0}, true))),
            entry("mean_sum_axes",
                    in -> in.get("x").mean(new int[] {0, 2}, true).mul(in.get("x").sum(new int[] {1}, true))),
            entry("activations_a", in -> {
                Tensor x = in.get("x");
                return Tensor.stack(List.of(x.leakyRelu(0.2), x.elu(1.0), x.selu(), x.softplus()), 0);
            }),
            entry("activations_b", in -> {
                Tensor x = in.get("x");
                return Tensor.stack(List.of(x.swish(), x.hardSigmoid(), x.softsign(), x.relu(), x.sigmoid()), 0);
            }),
            entry("softmax_logsoftmax", in -> in.get("x").softmax(0).mul(in.get("x").logSoftmax(1))),
            entry("huber", in -> Losses.huber(in.get("y"), in.get("p"), 1.0)),
            entry("poisson", in -> Losses.poisson(in.get("y"), in.get("p"))),
            entry("kl_divergence",
                    in -> Losses.kullbackLeiblerDivergence(in.get("a").softmax(-1), in.get("b").softmax(-1))),
            entry("mse_mae", in -> Losses.meanSquaredError(in.get("y"), in.get("p"))
                    .add(Losses.meanAbsoluteError(in.get("y"), in.get("p")))),
            entry("hinge_squared_hinge",
                    in -> Losses.hinge(in.get("y"), in.get("p")).add(Losses.squaredHinge(in.get("y"), in.get("p")))),
            entry("log_exp_chain", in -> {
                Tensor x = in.get("x");
                return x.log1p().mul(x.neg().exp()).add(x.log()).div(x.sqrt()).add(x.sub(1).abs().mul(x.sub(1).sign()));
            }),
            entry("where_compare", in -> {
                Tensor x = in.get("x");
                Tensor y = in.get("y");
                return Tensor.where(x.greater(y), x.mul(y), x.sub(y));
            }),
            entry("expand_unsqueeze_squeeze", in -> in.get("x").unsqueeze(0).expand(2, 3).mul(in.get("w"))
                    .sum(new int[] {0}, true).squeeze(0)),
            entry("sin_cos_square_neg", in -> {
                Tensor x = in.get("x");
                return x.sin().square().neg().add(x.cos().mul(x));
            }),
            entry("wgan_gp_penalty", TorchReferenceTest::gradientPenalty),
            entry("layer_norm_last_axis",
                    in -> Normalization.layerNorm(in.get("x"), in.get("w"), in.get("b"), new int[] {-1}, 1e-3)),
            entry("layer_norm_two_axes",
                    in -> Normalization.layerNorm(in.get("x"), in.get("w"), in.get("b"), new int[] {1, 2}, 1e-5)),
            entry("batch_norm_training",
                    in -> Normalization.batchNormTraining(in.get("x"), in.get("w"), in.get("b"), 1, 1e-3).output()),
            entry("batch_norm_inference", in -> Normalization.batchNorm(in.get("x"), in.get("m"), in.get("v"),
                    in.get("w"), in.get("b"), -1, 1e-3)),
            entry("indexing_slices_masks_assignment", in -> {
                Tensor x = in.get("x");
                return Tensor.concat(List.of(x.slice("1:, ::-2").reshape(-1), x.mask(x.greater(0.3)),
                        x.withSlice("::2, 1:3", in.get("v")).reshape(-1), x.get(2).mul(x.at(1, -1))), 0);
            }));

    /** WGAN-GP's penalty mean((||dD/dx|| - 1)^2) with D(x) = tanh(x w1) w2: a gradient inside the loss. */
    private static Tensor gradientPenalty(Map<String, Tensor> in) {
        Tensor x = in.get("x");
        Tensor dx;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor d = x.matmul(in.get("w1")).tanh().matmul(in.get("w2"));
            dx = tape.gradient(d.sum(), x);
        }
        return dx.square().sum(new int[] {1}, false).sqrt().sub(1).square().mean();
    }

    /** One parsed case of the fixture file. */
    record Case(String name, String description, Map<String, Tensor> inputs, List<String> wrt, Tensor output,
            Tensor cotangent, Map<String, Tensor> gradients, Map<String, Tensor> direction,
            Map<String, Tensor> hessianVectorProducts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = load();

    static Stream<Case> cases() {
        return CASES.stream();
    }

    static Stream<Case> secondOrderCases() {
        return CASES.stream().filter(c -> c.hessianVectorProducts() != null);
    }

    @Test
    void everyFixtureCaseHasAJavaExpressionAndViceVersa() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(25);
        assertThat(CASES.stream().map(Case::name).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(EXPRESSIONS.keySet());
        assertThat(secondOrderCases().count()).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputAndGradientsMatchPyTorch(Case c) {
        Function<Map<String, Tensor>, Tensor> f = EXPRESSIONS.get(c.name());
        List<Tensor> sources = c.wrt().stream().map(c.inputs()::get).toList();
        Tensor out;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources.toArray(new Tensor[0]));
            out = f.apply(c.inputs());
            grads = tape.gradient(out, sources, c.cotangent(), UnconnectedGradients.ZERO);
        }
        assertClose(c, "output", out, c.output());
        for (int i = 0; i < sources.size(); i++) {
            String name = c.wrt().get(i);
            assertClose(c, "gradient w.r.t. " + name, grads.get(i), c.gradients().get(name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondOrderCases")
    void hessianVectorProductsMatchPyTorch(Case c) {
        Function<Map<String, Tensor>, Tensor> f = EXPRESSIONS.get(c.name());
        List<Tensor> sources = c.wrt().stream().map(c.inputs()::get).toList();
        List<Tensor> hvp;
        try (GradientTape outer = new GradientTape()) {
            outer.watch(sources.toArray(new Tensor[0]));
            List<Tensor> grads;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(sources.toArray(new Tensor[0]));
                Tensor out = f.apply(c.inputs());
                grads = inner.gradient(out, sources, c.cotangent(), UnconnectedGradients.ZERO);
            }
            Tensor inner = Tensor.scalar(0, DType.FLOAT64);
            for (int i = 0; i < sources.size(); i++) {
                inner = inner.add(grads.get(i).mul(c.direction().get(c.wrt().get(i))).sum());
            }
            hvp = outer.gradient(inner, sources, null, UnconnectedGradients.ZERO);
        }
        for (int i = 0; i < sources.size(); i++) {
            String name = c.wrt().get(i);
            assertClose(c, "Hessian-vector product w.r.t. " + name, hvp.get(i), c.hessianVectorProducts().get(name));
        }
    }

    private static void assertClose(Case c, String what, Tensor actual, Tensor expected) {
        String where = c.name() + " (" + c.description() + "): " + what;
        assertThat(actual).as(where + " is missing").isNotNull();
        assertThat(actual.shape()).as(where + " shape").isEqualTo(expected.shape());
        assertThat(actual.dtype()).as(where + " dtype").isEqualTo(DType.FLOAT64);
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            double allowed = RTOL * (Math.abs(e[i]) + scale);
            if (!(Math.abs(a[i] - e[i]) <= allowed)) {
                throw new AssertionError(String.format("%s differs from PyTorch at flat index %d: jgrad %.17g, torch"
                        + " %.17g (|error| %.3e > allowed %.3e)%njgrad: %s%ntorch: %s", where, i, a[i], e[i],
                        Math.abs(a[i] - e[i]), allowed, actual, expected));
            }
        }
    }

    // ------------------------------------------------------------------ fixture parsing

    private static List<Case> load() {
        try (InputStream in = TorchReferenceTest.class.getResourceAsStream(FIXTURE)) {
            Objects.requireNonNull(in, "test resource " + FIXTURE + " is missing; run scripts/make_torch_fixtures.py");
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Case> cases = new ArrayList<>();
            for (JsonElement el : root.getAsJsonArray("cases")) {
                JsonObject o = el.getAsJsonObject();
                List<String> wrt = new ArrayList<>();
                o.getAsJsonArray("wrt").forEach(w -> wrt.add(w.getAsString()));
                cases.add(new Case(o.get("name").getAsString(), o.get("description").getAsString(),
                        tensors(o.getAsJsonObject("inputs")), List.copyOf(wrt), tensor(o.getAsJsonObject("output")),
                        o.get("cotangent").isJsonNull() ? null : tensor(o.getAsJsonObject("cotangent")),
                        tensors(o.getAsJsonObject("gradients")),
                        o.has("direction") ? tensors(o.getAsJsonObject("direction")) : null,
                        o.has("hessianVectorProducts") ? tensors(o.getAsJsonObject("hessianVectorProducts")) : null));
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Tensor> tensors(JsonObject o) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            out.put(e.getKey(), tensor(e.getValue().getAsJsonObject()));
        }
        return out;
    }

    private static Tensor tensor(JsonObject o) {
        JsonArray shapeJson = o.getAsJsonArray("shape");
        int[] shape = new int[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsInt();
        }
        JsonArray data = o.getAsJsonArray("data");
        return switch (o.get("dtype").getAsString()) {
            case "float64" -> {
                double[] v = new double[data.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = data.get(i).getAsDouble();
                }
                yield Tensor.fromFlat(v, shape);
            }
            case "int64" -> {
                long[] v = new long[data.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = data.get(i).getAsLong();
                }
                yield Tensor.fromFlat(v, shape);
            }
            default -> throw new IllegalArgumentException("fixture: unknown dtype " + o.get("dtype"));
        };
    }
}
