package jgrad.nn.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.activation.LeakyReLU;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.LayerFixtures;
import org.junit.jupiter.api.Test;

/**
 * The gradient penalty on a small conv critic against PyTorch's {@code autograd.grad(...,
 * create_graph=True)}, float64: the interpolates' input-gradient norms, the penalty, and the
 * penalty's gradient with respect to every critic weight (a second derivative through two
 * convolutions, a leaky ReLU and a tanh). Values from {@code scripts/make_gan_fixtures.py}.
 */
class TorchGradientPenaltyTest {
    private static JsonObject fixture() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                TorchGradientPenaltyTest.class.getResourceAsStream("/fixtures/torch_gradient_penalty.json"))) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static Layer f64(Layer l) {
        return l.setDtype(DType.FLOAT64);
    }

    @Test
    void matchesPyTorchCreateGraph() throws IOException {
        JsonObject f = fixture();
        Layer.resetNames();
        Model critic = new Sequential(
                f64(Conv2D.builder(3, 3, 3).name("conv1").build()),
                f64(new LeakyReLU(0.2)),
                f64(Conv2D.builder(4, 3, 3).strides(2, 2).activation("tanh").name("conv2").build()),
                f64(new Flatten()),
                f64(Dense.builder(1).name("dense").build()));
        critic.setDtype(DType.FLOAT64); // a float32 model would cast its float64 input down
        critic.build(7, 7, 2);
        JsonObject ws = f.getAsJsonObject("weights");
        List<Variable> vars = new ArrayList<>();
        for (String name : ws.keySet()) {
            String[] parts = name.split("/");
            Variable v = LayerFixtures.weight(critic.getLayer(parts[0]), parts[1]);
            v.assign(LayerFixtures.tensor(ws.getAsJsonObject(name)));
            vars.add(v);
        }
        assertThat(vars).hasSize(critic.trainableWeights().size());
        Tensor real = LayerFixtures.tensor(f.getAsJsonObject("real"));
        Tensor fake = LayerFixtures.tensor(f.getAsJsonObject("fake"));
        Tensor eps = LayerFixtures.tensor(f.getAsJsonObject("eps"));
        Tensor xhat = eps.mul(real).add(eps.neg().add(1).mul(fake));
        LayerFixtures.close(critic.call(xhat, true), LayerFixtures.tensor(f.getAsJsonObject("output")), 1e-12,
                "critic output");
        GradientPenalty.Result r;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            r = GradientPenalty.compute(x -> critic.call(x, true), real, fake, eps);
            grads = tape.gradient(r.penalty(), vars);
        }
        assertThat(r.penalty().item()).isCloseTo(f.get("penalty").getAsDouble(), offset(1e-12));
        LayerFixtures.close(r.norms(), LayerFixtures.tensor(f.getAsJsonObject("norms")), 1e-12, "norms");
        JsonObject g = f.getAsJsonObject("grads");
        int i = 0;
        for (String name : ws.keySet()) {
            Tensor expected = LayerFixtures.tensor(g.getAsJsonObject(name));
            Tensor got = grads.get(i++);
            if (got == null) { // the dense bias does not reach the input gradient; PyTorch's None
                assertThat(expected.abs().max().item()).as(name).isEqualTo(0.0);
                continue;
            }
            LayerFixtures.close(got, expected, 1e-10, "d penalty / d " + name);
        }
    }
}
