package jgrad.nn;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.LayerConfig;

/**
 * A model's architecture as JSON (Keras's {@code to_json} / {@code model_from_json}): each
 * layer's class name and config, plus for a functional model the calls between layers in
 * execution order. Weights are not included.
 */
final class Architecture {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private Architecture() {}

    static String toJson(Model model) {
        return GSON.toJson(layerSpec(model));
    }

    static Map<String, Object> layerSpec(Layer layer) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("class_name", layer instanceof Sequential ? "Sequential"
                : layer instanceof Functional ? "Functional" : layer.className());
        if (layer instanceof Sequential s) {
            spec.put("config", sequentialConfig(s));
        } else if (layer instanceof Functional f) {
            spec.put("config", functionalConfig(f));
        } else if (layer instanceof Model m) {
            throw new UnsupportedOperationException("model '" + m.name() + "' is a subclassed model (its forward is"
                    + " Java code) and cannot be saved as an architecture; save its weights with saveWeights");
        } else {
            spec.put("config", layer.config());
        }
        return spec;
    }

    private static Map<String, Object> sequentialConfig(Sequential s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", s.name());
        c.put("trainable", s.isTrainable());
        c.put("dtype", s.dtype().toString());
        if (!s.inputs().isEmpty()) {
            c.put("input", s.inputs().get(0).layer().config());
        }
        List<Object> layers = new ArrayList<>();
        for (Layer l : s.layers()) {
            layers.add(layerSpec(l));
        }
        c.put("layers", layers);
        return c;
    }

    private static Map<String, Object> functionalConfig(Functional f) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", f.name());
        c.put("trainable", f.isTrainable());
        c.put("dtype", f.dtype().toString());
        List<Object> layers = new ArrayList<>();
        for (Layer l : f.layers()) {
            layers.add(layerSpec(l));
        }
        c.put("layers", layers);
        // Which call of its layer (within this model) each node is: references use that index.
        Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
        Map<Layer, Integer> counts = new IdentityHashMap<>();
        for (SymbolicTensor t : f.inputs()) {
            nodeIndex.put(t.node(), 0);
        }
        List<Object> nodes = new ArrayList<>();
        for (Node n : f.nodes()) {
            int k = counts.merge(n.layer(), 1, Integer::sum) - 1;
            nodeIndex.put(n, k);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("layer", n.layer().name());
            List<Object> ins = new ArrayList<>();
            for (SymbolicTensor t : n.inputs()) {
                ins.add(ref(t, nodeIndex));
            }
            node.put("inputs", ins);
            nodes.add(node);
        }
        c.put("nodes", nodes);
        List<Object> inputs = new ArrayList<>();
        for (SymbolicTensor t : f.inputs()) {
            inputs.add(ref(t, nodeIndex));
        }
        c.put("input_layers", inputs);
        List<Object> outputs = new ArrayList<>();
        for (SymbolicTensor t : f.outputs()) {
            outputs.add(ref(t, nodeIndex));
        }
        c.put("output_layers", outputs);
        return c;
    }

    private static List<Object> ref(SymbolicTensor t, Map<Node, Integer> nodeIndex) {
        return List.of(t.layer().name(), nodeIndex.get(t.node()), t.outputIndex());
    }

    // ---------------------------------------------------------------- reading

    static Model fromJson(String json) {
        Map<String, Object> spec;
        try {
            spec = GSON.fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("model architecture is not valid JSON: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new IllegalArgumentException("model architecture is empty");
        }
        Layer l = fromSpec(spec);
        if (!(l instanceof Model m)) {
            throw new IllegalArgumentException("the architecture describes a " + l.className() + " layer, not a model");
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Layer fromSpec(Map<String, Object> spec) {
        Object cls = spec.get("class_name");
        Object cfg = spec.get("config");
        if (!(cls instanceof String className) || !(cfg instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("layer spec needs \"class_name\" and \"config\", got " + spec.keySet());
        }
        Map<String, Object> config = (Map<String, Object>) cfg;
        return switch (className) {
            case "Sequential" -> sequential(config);
            case "Functional" -> functional(config);
            default -> LayerRegistry.create(className, config);
        };
    }

    @SuppressWarnings("unchecked")
    private static Sequential sequential(Map<String, Object> c) {
        Sequential s = new Sequential((String) c.get("name"));
        Object input = c.get("input");
        if (input instanceof Map<?, ?> in) {
            s.add(inputLayer((Map<String, Object>) in).output());
        }
        for (Object o : list(c, "layers")) {
            s.add(fromSpec((Map<String, Object>) o));
        }
        if (Boolean.FALSE.equals(c.get("trainable"))) {
            s.setTrainable(false);
        }
        return s;
    }

    private static InputLayer inputLayer(Map<String, Object> c) {
        Shape shape = Shape.of(LayerConfig.ints(c, "shape"));
        Object dt = c.get("input_dtype");
        DType dtype = dt == null ? DType.FLOAT32 : LayerRegistry.parseDType((String) dt);
        return new InputLayer(shape, dtype, (String) c.get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Functional functional(Map<String, Object> c) {
        Map<String, Layer> layers = new HashMap<>();
        Map<String, List<List<SymbolicTensor>>> outputsByLayer = new HashMap<>();
        for (Object o : list(c, "layers")) {
            Map<String, Object> spec = (Map<String, Object>) o;
            Layer l;
            if ("InputLayer".equals(spec.get("class_name"))) {
                InputLayer in = inputLayer((Map<String, Object>) spec.get("config"));
                outputsByLayer.computeIfAbsent(in.name(), k -> new ArrayList<>()).add(List.of(in.output()));
                l = in;
            } else {
                l = fromSpec(spec);
            }
            if (layers.put(l.name(), l) != null) {
                throw new IllegalArgumentException("model architecture lists two layers named '" + l.name() + "'");
            }
        }
        for (Object o : list(c, "nodes")) {
            Map<String, Object> node = (Map<String, Object>) o;
            String name = (String) node.get("layer");
            Layer layer = layers.get(name);
            if (layer == null) {
                throw new IllegalArgumentException("model architecture: node calls unknown layer '" + name + "'");
            }
            List<SymbolicTensor> ins = new ArrayList<>();
            for (Object r : list(node, "inputs")) {
                ins.add(resolve((List<Object>) r, outputsByLayer));
            }
            outputsByLayer.computeIfAbsent(name, k -> new ArrayList<>()).add(layer.callAll(ins));
        }
        List<SymbolicTensor> inputs = new ArrayList<>();
        for (Object r : list(c, "input_layers")) {
            inputs.add(resolve((List<Object>) r, outputsByLayer));
        }
        List<SymbolicTensor> outputs = new ArrayList<>();
        for (Object r : list(c, "output_layers")) {
            outputs.add(resolve((List<Object>) r, outputsByLayer));
        }
        Functional f = Model.of(inputs, outputs, (String) c.get("name"));
        if (Boolean.FALSE.equals(c.get("trainable"))) {
            f.setTrainable(false);
        }
        return f;
    }

    private static SymbolicTensor resolve(List<Object> ref, Map<String, List<List<SymbolicTensor>>> outputs) {
        if (ref.size() != 3) {
            throw new IllegalArgumentException("model architecture: a tensor reference must be [layer, node, index], got "
                    + ref);
        }
        String name = (String) ref.get(0);
        int node = ((Number) ref.get(1)).intValue();
        int index = ((Number) ref.get(2)).intValue();
        List<List<SymbolicTensor>> calls = outputs.get(name);
        if (calls == null || node < 0 || node >= calls.size() || index < 0 || index >= calls.get(node).size()) {
            throw new IllegalArgumentException("model architecture: reference " + ref + " points to no earlier output");
        }
        return calls.get(node).get(index);
    }

    private static List<?> list(Map<String, Object> c, String key) {
        Object o = c.get(key);
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("model architecture: '" + key + "' is missing or not a list");
        }
        return l;
    }
}
