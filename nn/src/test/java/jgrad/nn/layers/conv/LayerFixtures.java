package jgrad.nn.layers.conv;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
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
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;

/** Helpers for layer tests: fixture loading, tensor comparison, non-contiguous copies. */
public final class LayerFixtures {
    private LayerFixtures() {}

    /** The cases of a JSON fixture under the test resources. */
    public static List<JsonObject> cases(String resource) {
        try (InputStream in = Objects.requireNonNull(LayerFixtures.class.getResourceAsStream(resource), resource)) {
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                out.add(e.getAsJsonObject());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Tensor tensor(JsonObject t) {
        JsonArray shape = t.getAsJsonArray("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).getAsInt();
        }
        JsonArray data = t.getAsJsonArray("data");
        double[] v = new double[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i).getAsDouble();
        }
        return Tensor.fromFlat(v, dims);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonObject o) {
        return new Gson().fromJson(o, Map.class);
    }

    /** The same values as {@code x} in a non-contiguous view (reversed axes, permuted back). */
    public static Tensor nonContiguous(Tensor x) {
        int r = x.rank();
        int[] reverse = new int[r];
        for (int i = 0; i < r; i++) {
            reverse[i] = r - 1 - i;
        }
        Tensor v;
        try (Scope _ = GradientTape.noGrad()) {
            v = x.permute(reverse).contiguous();
        }
        Tensor view = v.permute(reverse);
        assertThat(view.isContiguous()).as("the view is not contiguous").isFalse();
        return view;
    }

    /** Asserts {@code |actual - expected| <= tol * max(1, max|expected|)} entry by entry, and equal shapes. */
    public static void close(Tensor actual, Tensor expected, double tol, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - e[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as(what + ": worst error at flat index " + at + " (got "
                + (at < 0 ? "" : a[at]) + ", expected " + (at < 0 ? "" : e[at]) + ")").isLessThanOrEqualTo(tol * scale);
    }

    /** The weight of a built layer called {@code layerName/weightName}. */
    public static Variable weight(Layer layer, String weightName) {
        for (Variable v : layer.weights()) {
            if (v.name().equals(layer.name() + "/" + weightName)) {
                return v;
            }
        }
        throw new AssertionError("layer '" + layer.name() + "' has no weight '" + weightName + "', only "
                + layer.weights().stream().map(Variable::name).toList());
    }

    /**
     * Gradchecks a float64 layer with respect to its input, first and second order (the layer
     * is called on {@code x} first, so it is built).
     */
    public static void gradCheck(Layer layer, Tensor x) {
        layer.call(x);
        java.util.function.Function<List<Tensor>, Tensor> f = in -> layer.call(in.get(0));
        jgrad.core.check.GradCheck.check(f, List.of(x)).assertPassed();
        jgrad.core.check.GradCheck.gradGradCheck(f, List.of(x)).assertPassed();
    }

    /** Casts to a dtype outside any tape. */
    public static Tensor cast(Tensor t, DType dtype) {
        try (Scope _ = GradientTape.noGrad()) {
            return t.cast(dtype);
        }
    }
}
