package jgrad.nn.optimizers;

import jgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): {@code w -= w * weightDecay * lr}
 * before each Adam step. Keras's defaults: learning rate 0.001, weight decay 0.004 (PyTorch's
 * AdamW uses 0.01).
 */
public final class AdamW extends Adam {
    public AdamW() {
        this(0.001, 0.004);
    }

    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    public AdamW(double learningRate, double weightDecay) {
        super("AdamW", learningRate);
        weightDecay(weightDecay);
    }

    public AdamW(LearningRateSchedule schedule, double weightDecay) {
        super("AdamW", schedule);
        weightDecay(weightDecay);
    }
}
