package jgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer against torch.optim on the same least-squares problem (the trajectories come
 * from scripts/make_optimizer_fixtures.py, with epsilon 0 where Keras and PyTorch place it
 * differently).
 */
class OptimizerTorchReferenceTest {
    static final Map<String, Supplier<Optimizer>> OPTIMIZERS = Map.ofEntries(
            Map.entry("sgd", () -> new SGD(0.05)),
            Map.entry("sgd_momentum", () -> new SGD(0.05).momentum(0.9)),
            Map.entry("sgd_nesterov", () -> new SGD(0.05).momentum(0.9).nesterov(true)),
            Map.entry("adagrad", () -> new Adagrad(0.1).epsilon(0)),
            Map.entry("rmsprop", () -> new RMSprop(0.01).rho(0.9).epsilon(0)),
            Map.entry("rmsprop_momentum", () -> new RMSprop(0.01).rho(0.9).epsilon(0).momentum(0.5)),
            Map.entry("rmsprop_centered", () -> new RMSprop(0.01).rho(0.9).epsilon(0).centered(true)),
            Map.entry("adam", () -> new Adam(0.1).epsilon(0)),
            Map.entry("adam_amsgrad", () -> new Adam(0.1).beta1(0.8).beta2(0.99).epsilon(0).amsgrad(true)),
            Map.entry("adamw", () -> new AdamW(0.1, 0.1).epsilon(0)),
            Map.entry("adamax", () -> new Adamax(0.1).epsilon(0)));

    static JsonObject fixture() {
        try (Reader r = new InputStreamReader(OptimizerTorchReferenceTest.class.getResourceAsStream("torch_optim.json"),
                StandardCharsets.UTF_8)) {
            return new Gson().fromJson(r, JsonObject.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> cases() {
        return List.copyOf(new java.util.TreeSet<>(fixture().getAsJsonObject("cases").keySet()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void trajectoryMatchesTorch(String name) {
        JsonObject doc = fixture();
        Gson gson = new Gson();
        Tensor x = Tensor.of(gson.fromJson(doc.get("x"), double[][].class));
        Tensor y = Tensor.of(gson.fromJson(doc.get("y"), double[].class));
        Variable w = Variable.of(Tensor.of(gson.fromJson(doc.get("w0"), double[].class)), "w");
        Optimizer opt = OPTIMIZERS.get(name).get();
        assertThat(opt).as("an optimizer for fixture case " + name).isNotNull();
        JsonArray trajectory = doc.getAsJsonObject("cases").getAsJsonObject(name).getAsJsonArray("trajectory");
        for (int step = 0; step < trajectory.size(); step++) {
            opt.minimize(() -> x.matmul(w).sub(y).square().mean(), List.of(w));
            double[] expected = gson.fromJson(trajectory.get(step), double[].class);
            for (int j = 0; j < expected.length; j++) {
                assertThat(w.getDouble(j)).as(name + " step " + (step + 1) + " w[" + j + "]")
                        .isEqualTo(expected[j], within(1e-12));
            }
        }
    }
}
