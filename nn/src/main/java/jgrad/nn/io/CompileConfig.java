package jgrad.nn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.nn.Model;
import jgrad.nn.losses.Loss;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adagrad;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.AdamW;
import jgrad.nn.optimizers.Adamax;
import jgrad.nn.optimizers.Nadam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.optimizers.SGD;

/**
 * A model's {@code compile} settings in its model file, so that {@link ModelFiles#load} hands
 * back a model that can {@code fit} again without compiling (Keras's {@code load_model} with
 * {@code compile=True}): the optimizer's class and settings, each output's loss and metrics by
 * name with their settings, the loss weights and {@code jitCompile}. Only built-ins are stored:
 * an optimizer with a constant learning rate, losses of {@link Loss#get(String, Map)} and
 * metrics of {@link Metric#get(String)} that rebuild from their name and settings into the same
 * class with the same {@code config()} (checked when saving). A model with anything else (a
 * learning-rate schedule, a custom loss or metric, a metric with non-default settings) is saved
 * without them and loads uncompiled: compile it as before, and the saved optimizer state
 * continues with an optimizer of the saved class.
 */
final class CompileConfig {
    private CompileConfig() {}

    /** The compile settings of {@code model} as JSON, or null when it is not compiled or any piece is not a rebuildable built-in. */
    static JsonObject of(Model model) {
        if (!model.isCompiled()) {
            return null;
        }
        Optimizer opt = model.optimizer();
        JsonObject optimizer = settings(opt.config());
        try {
            if (optimizer == null || !same(opt, optimizer(opt.getClass().getSimpleName(), map(optimizer)))) {
                return null;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null; // settings that do not rebuild (a subclass's, clipping combinations)
        }
        JsonArray losses = new JsonArray();
        for (Loss l : model.lossFunctions()) {
            JsonObject c = settings(l.config());
            if (c == null || !sameLoss(l, c)) {
                return null;
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("name", l.name());
            entry.add("config", c);
            losses.add(entry);
        }
        JsonArray metrics = new JsonArray();
        for (List<Metric> perOutput : model.metrics()) {
            JsonArray names = new JsonArray();
            for (Metric m : perOutput) {
                if (!sameMetric(m)) {
                    return null;
                }
                names.add(m.name());
            }
            metrics.add(names);
        }
        JsonArray weights = new JsonArray();
        model.lossWeights().forEach(weights::add);
        JsonObject out = new JsonObject();
        out.addProperty("optimizer_class", opt.getClass().getSimpleName());
        out.add("optimizer", optimizer);
        out.add("losses", losses);
        out.add("loss_weights", weights);
        out.add("metrics", metrics);
        out.addProperty("jit_compile", model.jitCompile());
        return out;
    }

    /** Compiles {@code model} as {@link #of} described it; a malformed entry fails naming {@code where}. */
    static void apply(Model model, JsonObject c, String where) {
        try {
            Optimizer opt = optimizer(c.get("optimizer_class").getAsString(), map(c.getAsJsonObject("optimizer")));
            if (opt == null) {
                throw new IllegalArgumentException(where + ": compile settings name an optimizer jgrad cannot rebuild: "
                        + c.get("optimizer_class"));
            }
            List<Loss> losses = new ArrayList<>();
            for (JsonElement e : c.getAsJsonArray("losses")) {
                JsonObject l = e.getAsJsonObject();
                losses.add(Loss.get(l.get("name").getAsString(), map(l.getAsJsonObject("config"))));
            }
            List<Double> weights = new ArrayList<>();
            c.getAsJsonArray("loss_weights").forEach(w -> weights.add(w.getAsDouble()));
            List<List<Metric>> metrics = new ArrayList<>();
            for (JsonElement perOutput : c.getAsJsonArray("metrics")) {
                List<Metric> ms = new ArrayList<>();
                perOutput.getAsJsonArray().forEach(n -> ms.add(Metric.get(n.getAsString())));
                metrics.add(ms);
            }
            boolean jit = c.get("jit_compile").getAsBoolean();
            if (losses.isEmpty()) {
                model.compile(opt);
            } else {
                model.compile(opt, losses, weights, metrics.isEmpty() ? List.of(List.of()) : metrics, jit);
            }
        } catch (NullPointerException | ClassCastException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(where + ": malformed compile settings (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A built-in optimizer of class {@code simpleName} with {@code config}'s settings, or null
     * for another class or a learning rate that is a schedule (its config holds only its name).
     */
    static Optimizer optimizer(String simpleName, Map<String, Object> c) {
        if (!(c.get("learning_rate") instanceof Number lrValue)) {
            return null;
        }
        double lr = lrValue.doubleValue();
        Optimizer o = switch (simpleName) {
            case "SGD" -> new SGD(lr).momentum(num(c, "momentum")).nesterov(bool(c, "nesterov"));
            case "Adam" -> adam(new Adam(lr), c);
            case "AdamW" -> adam(new AdamW(lr, num(c, "weight_decay")), c);
            case "Nadam" -> new Nadam(lr).beta1(num(c, "beta_1")).beta2(num(c, "beta_2")).epsilon(num(c, "epsilon"));
            case "Adamax" -> new Adamax(lr).beta1(num(c, "beta_1")).beta2(num(c, "beta_2")).epsilon(num(c, "epsilon"));
            case "RMSprop" -> new RMSprop(lr).rho(num(c, "rho")).momentum(num(c, "momentum"))
                    .epsilon(num(c, "epsilon")).centered(bool(c, "centered"));
            case "Adagrad" -> new Adagrad(lr).initialAccumulatorValue(num(c, "initial_accumulator_value"))
                    .epsilon(num(c, "epsilon"));
            default -> null;
        };
        if (o == null) {
            return null;
        }
        if (c.containsKey("weight_decay")) {
            o.weightDecay(num(c, "weight_decay"));
        }
        if (c.containsKey("clipvalue")) {
            o.clipValue(num(c, "clipvalue"));
        }
        if (c.containsKey("clipnorm")) {
            o.clipNorm(num(c, "clipnorm"));
        }
        if (c.containsKey("global_clipnorm")) {
            o.globalClipNorm(num(c, "global_clipnorm"));
        }
        return o;
    }

    private static Adam adam(Adam a, Map<String, Object> c) {
        return a.beta1(num(c, "beta_1")).beta2(num(c, "beta_2")).epsilon(num(c, "epsilon")).amsgrad(bool(c, "amsgrad"));
    }

    private static double num(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("optimizer setting '" + key + "' is missing or not a number: " + c.get(key));
        }
        return n.doubleValue();
    }

    private static boolean bool(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("optimizer setting '" + key + "' is missing or not true/false: "
                    + c.get(key));
        }
        return b;
    }

    /** Whether {@code rebuilt} is {@code original}'s class with the same settings (numbers compared as doubles). */
    private static boolean same(Object original, Object rebuilt) {
        if (rebuilt == null || rebuilt.getClass() != original.getClass()) {
            return false;
        }
        Map<String, Object> a = original instanceof Optimizer o ? o.config() : original instanceof Loss l ? l.config()
                : ((Metric) original).config();
        Map<String, Object> b = rebuilt instanceof Optimizer o ? o.config() : rebuilt instanceof Loss l ? l.config()
                : ((Metric) rebuilt).config();
        return normalised(a).equals(normalised(b));
    }

    private static boolean sameLoss(Loss l, JsonObject config) {
        try {
            return same(l, Loss.get(l.name(), map(config)));
        } catch (IllegalArgumentException | ClassCastException e) {
            return false; // a custom loss: not rebuildable by name
        }
    }

    private static boolean sameMetric(Metric m) {
        try {
            Metric rebuilt = Metric.get(m.name());
            return same(m, rebuilt) && rebuilt.name().equals(m.name());
        } catch (IllegalArgumentException e) {
            return false; // a custom metric
        }
    }

    private static Map<String, Object> normalised(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
        return out;
    }

    /** Settings as JSON: numbers, booleans and strings only, else null (not storable). */
    private static JsonObject settings(Map<String, Object> config) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                out.add(e.getKey(), new JsonPrimitive(n.doubleValue()));
            } else if (v instanceof Boolean b) {
                out.add(e.getKey(), new JsonPrimitive(b));
            } else if (v instanceof String s) {
                out.add(e.getKey(), new JsonPrimitive(s));
            } else {
                return null;
            }
        }
        return out;
    }

    private static Map<String, Object> map(JsonObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonPrimitive p = e.getValue().getAsJsonPrimitive();
            out.put(e.getKey(), p.isNumber() ? (Object) p.getAsDouble() : p.isBoolean() ? (Object) p.getAsBoolean()
                    : p.getAsString());
        }
        return out;
    }
}
