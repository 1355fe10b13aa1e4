package jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The executor options connect() sets for a cluster: jgrad's kernel threads sized to a task's cores. */
class SparkSessionsTest {
    @Test
    void executorsGetOneKernelThreadPerTaskCoreUnlessTheUserChose() {
        assertThat(SparkSessions.executorJavaOptions(new SparkConf(false))).isEqualTo("-Djgrad.kernels.threads=1");
        assertThat(SparkSessions.executorJavaOptions(new SparkConf(false).set("spark.task.cpus", "4")
                .set("spark.executor.extraJavaOptions", "-Xss8m"))).isEqualTo("-Xss8m -Djgrad.kernels.threads=4");
        assertThat(SparkSessions.executorJavaOptions(new SparkConf(false)
                .set("spark.executor.extraJavaOptions", "-Djgrad.kernels.threads=3 -Xss8m")))
                .isEqualTo("-Djgrad.kernels.threads=3 -Xss8m");
    }
}
