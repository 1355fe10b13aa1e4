package jgrad.nn.callbacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Tensor;

/**
 * Stops training when a monitored quantity ({@code val_loss} by default) has not improved by
 * more than {@code minDelta} for {@code patience} epochs (Keras's {@code EarlyStopping}).
 * With {@code restoreBestWeights} the model gets back the weights of its best epoch when
 * training stops early, and also when it ends without stopping early but the last epoch was
 * not the best (Keras 2 restores only on an early stop; restoring in both cases is what the
 * option promises).
 *
 * <pre>{@code
 * new EarlyStopping("val_loss").patience(30).restoreBestWeights(true)
 * }</pre>
 */
public final class EarlyStopping extends Callback {
    private final String monitor;
    private double minDelta;
    private int patience;
    private Monitor mode = Monitor.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private boolean verbose;

    private int wait;
    private int stoppedEpoch;
    private double best;
    private int bestEpoch;
    private List<Tensor> bestWeights;
    private boolean increasing;

    public EarlyStopping() {
        this("val_loss");
    }

    public EarlyStopping(String monitor) {
        this.monitor = monitor;
    }

    /** The smallest change that counts as an improvement (absolute). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    /** Epochs without improvement after which training stops. */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    public EarlyStopping mode(Monitor mode) {
        this.mode = mode;
        return this;
    }

    /** Training stops if the quantity does not beat this value within {@code patience} epochs. */
    public EarlyStopping baseline(double baseline) {
        this.baseline = baseline;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Epochs to wait before monitoring starts (a warm-up). */
    public EarlyStopping startFromEpoch(int epoch) {
        this.startFromEpoch = epoch;
        return this;
    }

    /** Print a line when stopping and when restoring weights. */
    public EarlyStopping verbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, or 0 if it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        increasing = mode.increasing(monitor);
        wait = 0;
        stoppedEpoch = 0;
        best = increasing ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        bestWeights = null;
    }

    /**
     * The patience counter, the best value and its epoch, the epoch it stopped at, and with
     * {@code restoreBestWeights} the best epoch's weights ({@code best_weights/<i>}).
     */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("wait", scalar(wait));
        s.put("best", scalar(best));
        s.put("best_epoch", scalar(bestEpoch));
        s.put("stopped_epoch", scalar(stoppedEpoch));
        if (bestWeights != null) {
            for (int i = 0; i < bestWeights.size(); i++) {
                s.put("best_weights/" + i, bestWeights.get(i));
            }
        }
        return s;
    }

    @Override
    public void restoreState(Map<String, Tensor> state) {
        wait = (int) scalar(state, "wait", wait);
        best = scalar(state, "best", best);
        bestEpoch = (int) scalar(state, "best_epoch", bestEpoch);
        stoppedEpoch = (int) scalar(state, "stopped_epoch", stoppedEpoch);
        List<Tensor> weights = new java.util.ArrayList<>();
        for (int i = 0; state.containsKey("best_weights/" + i); i++) {
            weights.add(state.get("best_weights/" + i));
        }
        if (!weights.isEmpty()) {
            int want = model().getWeights().size();
            if (weights.size() != want) {
                throw new IllegalArgumentException("EarlyStopping.restoreState: " + weights.size()
                        + " saved best weights, the model has " + want);
            }
            bestWeights = weights;
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitor);
        if (current == null || epoch < startFromEpoch) {
            if (current == null) {
                System.err.println("EarlyStopping: '" + monitor + "' is not in the logs " + logs.keySet()
                        + "; nothing is monitored");
            }
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
        }
        wait++;
        if (improves(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || improves(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().setStopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (verbose && stoppedEpoch > 0) {
            output().printf(Locale.ROOT, "Epoch %d: early stopping%n", stoppedEpoch + 1);
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose) {
                output().printf(Locale.ROOT, "Restoring model weights from the end of the best epoch: %d.%n",
                        bestEpoch + 1);
            }
            model().setWeights(bestWeights);
        }
    }

    private boolean improves(double value, double reference) {
        return increasing ? value - minDelta > reference : value + minDelta < reference;
    }
}
