package jgrad.ops.nn;

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
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.ops.kernels.Epilogue.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutions (plain, grouped, depthwise and transposed) and pooling checked against PyTorch's
 * conv1d/2d/3d, conv_transpose1d/2d/3d, max_pool and avg_pool: outputs
 * and the gradients of x, the kernel and the bias, in float64 to 1e-10 and in float32 to 1e-4
 * (relative to the largest entry). The values come from {@code scripts/make_conv_fixtures.py}
 * (Debian's python3-torch, committed as {@code fixtures/torch_conv.json}).
 */
class TorchConvReferenceTest {
    private static final String FIXTURE = "/fixtures/torch_conv.json";

    static Stream<JsonObject> cases() {
        try (InputStream in = Objects.requireNonNull(TorchConvReferenceTest.class.getResourceAsStream(FIXTURE),
                FIXTURE)) {
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                out.add(e.getAsJsonObject());
            }
            assertThat(out).hasSizeGreaterThanOrEqualTo(20);
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonObject c) {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double tol = dt == DType.FLOAT64 ? 1e-10 : 1e-4;
            JsonObject in = c.getAsJsonObject("inputs");
            List<String> names = new ArrayList<>(in.keySet());
            List<Tensor> inputs = new ArrayList<>();
            for (String n : names) {
                inputs.add(tensor(in.getAsJsonObject(n)).cast(dt));
            }
            Tensor cot = tensor(c.getAsJsonObject("cotangent")).cast(dt);
            List<Tensor> grads;
            Tensor y;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(inputs.toArray(new Tensor[0]));
                y = apply(c, inputs);
                grads = tape.gradient(y, inputs, cot, UnconnectedGradients.ZERO);
            }
            String what = c.get("name").getAsString() + " " + dt;
            close(y, tensor(c.getAsJsonObject("output")), tol, what + " output");
            for (int i = 0; i < names.size(); i++) {
                close(grads.get(i), tensor(c.getAsJsonObject("grads").getAsJsonObject(names.get(i))), tol,
                        what + " d" + names.get(i));
            }
        }
    }

    private static Tensor apply(JsonObject c, List<Tensor> in) {
        int[] strides = ints(c.getAsJsonArray("strides"));
        Padding padding = padding(c.get("padding"));
        return switch (c.get("kind").getAsString()) {
            case "conv" -> c.has("groups") && c.get("groups").getAsInt() != 1
                    ? Convolution.conv(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, strides,
                            ints(c.getAsJsonArray("dilations")), padding, c.get("groups").getAsInt(), "linear")
                    : Conv.conv(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, strides,
                            ints(c.getAsJsonArray("dilations")), padding, Activation.LINEAR);
            case "convTranspose" -> Convolution.convTranspose(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null,
                    strides, ints(c.getAsJsonArray("dilations")), padding,
                    c.get("outputPadding").isJsonNull() ? null : ints(c.getAsJsonArray("outputPadding")));
            case "maxPool" -> MaxPool.maxPool(in.get(0), ints(c.getAsJsonArray("poolSize")), strides, padding);
            case "avgPool" -> AvgPool.avgPool(in.get(0), ints(c.getAsJsonArray("poolSize")), strides, padding);
            default -> throw new IllegalArgumentException("unknown case kind " + c.get("kind"));
        };
    }

    private static Padding padding(JsonElement p) {
        if (p.isJsonArray()) {
            int[] flat = ints(p.getAsJsonArray());
            int[][] pairs = new int[flat.length / 2][];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = new int[] {flat[2 * i], flat[2 * i + 1]};
            }
            return Padding.explicit(pairs);
        }
        return switch (p.getAsString()) {
            case "valid" -> Padding.VALID;
            case "same" -> Padding.SAME;
            case "causal" -> Padding.CAUSAL;
            default -> throw new IllegalArgumentException("unknown padding " + p);
        };
    }

    private static void close(Tensor got, Tensor want, double tol, String what) {
        assertThat(got.shape()).as(what).isEqualTo(want.shape());
        double[] g = got.toDoubleArray();
        double[] w = want.toDoubleArray();
        double scale = 0;
        for (double v : w) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < w.length; i++) {
            if (Math.abs(g[i] - w[i]) > tol * (Math.abs(w[i]) + scale)) {
                assertThat(g[i]).as("%s at flat %d", what, i).isEqualTo(w[i]);
            }
        }
    }

    private static Tensor tensor(JsonObject o) {
        int[] shape = ints(o.getAsJsonArray("shape"));
        JsonArray data = o.getAsJsonArray("data");
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i).getAsDouble();
        }
        return Tensor.fromFlat(v, shape);
    }

    private static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }
}
