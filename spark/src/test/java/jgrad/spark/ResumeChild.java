package jgrad.spark;

import java.nio.file.Path;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.nn.Model;
import jgrad.nn.callbacks.Callback;
import jgrad.nn.optimizers.Adam;
import org.apache.spark.sql.SparkSession;

/**
 * The training job {@link KilledJobResumeTest} runs in a child JVM: the test MLP on the test blobs
 * on local[2], checkpointing after every epoch and resuming from the checkpoint if there is one.
 * Arguments: the checkpoint path, the epochs, the model's seed, and an epoch (1-based, 0 for none)
 * in whose second step the job announces {@code HANGING} and stops making progress, so the test
 * can kill it -9 in the middle of that epoch, after the previous epoch's checkpoint was written.
 */
public final class ResumeChild {
    private ResumeChild() {}

    public static void main(String[] args) throws Exception {
        Path ckpt = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        long modelSeed = Long.parseLong(args[2]);
        int hangIn = Integer.parseInt(args[3]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("jgrad-resume-child")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Tensor[] data = TestSpark.blobs(KilledJobResumeTest.N, 7);
        Model model = TestSpark.mlp(DType.FLOAT64, modelSeed, new Adam(0.01));
        Callback hang = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(int e, Map<String, Double> logs) {
                epoch = e + 1;
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (epoch == hangIn && batch == 1) {
                    System.out.println("HANGING in epoch " + epoch);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        new SparkTrainer(spark).fit(model, SparkData.fromTensors(spark, data[0], data[1], 2),
                KilledJobResumeTest.options(epochs).checkpoint(ckpt).resume(true).verbose(2).callbacks(hang).build());
        System.out.println("DONE");
        spark.stop();
    }
}
