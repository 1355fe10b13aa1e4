package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.Model;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.Test;

/**
 * What a task's closure carries to an executor, Java-serialised as Spark ships it: the model's
 * spec (JSON architecture, loss and metric names, shapes) and the weights as safetensors bytes.
 * No jgrad model, layer or tensor class may be in that stream; the replica rebuilt from it on the
 * other side computes what the driver's model computes.
 */
class WireFormatTest {
    @Test
    void tasksReceiveJsonAndSafetensorsBytesAndRebuildTheSameModel() throws Exception {
        Model model = TestSpark.mlp(DType.FLOAT32, 5, new Adam(0.01));
        ModelSpec spec = ModelSpec.of(model);
        Worker.Weights weights = new Worker.Weights(WeightBytes.encode(SparkCheckpoint.tensors(model, false),
                Map.of()), 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
            out.writeObject(weights);
        }
        String stream = bytes.toString(StandardCharsets.ISO_8859_1);
        assertThat(stream).contains("jgrad.spark.ModelSpec").contains("jgrad.spark.Worker$Weights")
                .doesNotContain("jgrad.nn.").doesNotContain("jgrad.core.").doesNotContain("jgrad.ops.");

        ModelSpec got;
        Worker.Weights gotWeights;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            got = (ModelSpec) in.readObject();
            gotWeights = (Worker.Weights) in.readObject();
        }
        Replica replica = Replica.borrow("wire-format-test", got);
        replica.load(gotWeights.bytes(), gotWeights.version());
        Tensor x = TestSpark.blobs(12, 3)[0];
        float[] expected = model.callAll(List.of(x), false).get(0).toFloatArray();
        assertThat(replica.model.callAll(List.of(x), false).get(0).toFloatArray()).containsExactly(expected);
        assertThat(replica.model).isNotSameAs(model);
    }
}
