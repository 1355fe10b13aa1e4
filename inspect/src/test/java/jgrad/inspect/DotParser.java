package jgrad.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for the DOT language (graph, subgraph, node, edge and attribute statements,
 * quoted and plain IDs, comments), enough to read back what {@link DotExporter} writes and to
 * reject what Graphviz would reject in those constructs.
 */
final class DotParser {
    record ParsedEdge(String from, String to, Map<String, String> attributes) {}

    /** A parsed graph: attributes, nodes with their merged attributes, edges, and cluster members. */
    record Parsed(boolean directed, String name, Map<String, String> attributes, Map<String, Map<String, String>> nodes,
            List<ParsedEdge> edges, Map<String, List<String>> clusters, Map<String, Map<String, String>> clusterAttributes) {}

    private final List<String> tokens;
    private final List<Boolean> quoted;
    private int pos;
    private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    private final List<ParsedEdge> edges = new ArrayList<>();
    private final Map<String, List<String>> clusters = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> clusterAttributes = new LinkedHashMap<>();
    private final Map<String, String> graphAttributes = new LinkedHashMap<>();

    private DotParser(String text) {
        tokens = new ArrayList<>();
        quoted = new ArrayList<>();
        tokenize(text);
    }

    static Parsed parse(String text) {
        DotParser p = new DotParser(text);
        return p.graph();
    }

    private void tokenize(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment");
                }
                i = end + 2;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("unterminated string");
                    }
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                    } else if (d == '\\' && i + 1 < s.length()) {
                        // Other escapes (\n, \l, \\) are kept for the label renderer, as Graphviz does.
                        sb.append(d).append(s.charAt(i + 1));
                        i += 2;
                    } else if (d == '"') {
                        i++;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                tokens.add(sb.toString());
                quoted.add(true);
            } else if (c == '-' && i + 1 < s.length() && (s.charAt(i + 1) == '>' || s.charAt(i + 1) == '-')) {
                tokens.add(s.substring(i, i + 2));
                quoted.add(false);
                i += 2;
            } else if ("{}[];,=".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                quoted.add(false);
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c > 127) {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '.' || s.charAt(i) > 127 || (s.charAt(i) == '-' && i == start))) {
                    i++;
                }
                String id = s.substring(start, i);
                if (!id.matches("[A-Za-z_\\u0080-\\uffff][A-Za-z_0-9\\u0080-\\uffff]*|-?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)")) {
                    throw new IllegalArgumentException("not a DOT ID: " + id);
                }
                tokens.add(id);
                quoted.add(false);
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at " + i);
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekIsPunct(String p) {
        return pos < tokens.size() && !quoted.get(pos) && tokens.get(pos).equals(p);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("unexpected end of input");
        }
        return tokens.get(pos++);
    }

    private void expect(String p) {
        if (!peekIsPunct(p)) {
            throw new IllegalArgumentException("expected '" + p + "' but found '" + peek() + "' at token " + pos);
        }
        pos++;
    }

    private static final java.util.Set<String> PUNCTUATION = java.util.Set.of("{", "}", "[", "]", ";", ",", "=", "->",
            "--");

    private String id() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("expected an ID at the end");
        }
        if (!quoted.get(pos) && PUNCTUATION.contains(tokens.get(pos))) {
            throw new IllegalArgumentException("expected an ID but found '" + tokens.get(pos) + "' at token " + pos);
        }
        return next();
    }

    private Parsed graph() {
        boolean directed;
        String kw = next();
        if (kw.equalsIgnoreCase("strict")) {
            kw = next();
        }
        if (kw.equalsIgnoreCase("digraph")) {
            directed = true;
        } else if (kw.equalsIgnoreCase("graph")) {
            directed = false;
        } else {
            throw new IllegalArgumentException("expected graph or digraph, found " + kw);
        }
        String name = peekIsPunct("{") ? null : id();
        expect("{");
        statements(null, directed);
        expect("}");
        if (pos != tokens.size()) {
            throw new IllegalArgumentException("text after the graph: " + peek());
        }
        return new Parsed(directed, name, graphAttributes, nodes, edges, clusters, clusterAttributes);
    }

    private void statements(String cluster, boolean directed) {
        while (!peekIsPunct("}")) {
            statement(cluster, directed);
            if (peekIsPunct(";")) {
                pos++;
            }
        }
    }

    private void statement(String cluster, boolean directed) {
        String first = peek();
        if (!quoted.get(pos) && (first.equals("graph") || first.equals("node") || first.equals("edge"))) {
            pos++;
            Map<String, String> attrs = attributes();
            if (first.equals("graph")) {
                (cluster == null ? graphAttributes : clusterAttributes.get(cluster)).putAll(attrs);
            }
            return;
        }
        if (!quoted.get(pos) && first.equals("subgraph")) {
            pos++;
            String name = peekIsPunct("{") ? null : id();
            expect("{");
            String inner = cluster;
            if (name != null && name.startsWith("cluster")) {
                if (clusters.containsKey(name)) {
                    throw new IllegalArgumentException("cluster " + name + " declared twice");
                }
                clusters.put(name, new ArrayList<>());
                clusterAttributes.put(name, new LinkedHashMap<>());
                inner = name;
            }
            statements(inner, directed);
            expect("}");
            return;
        }
        String a = id();
        if (peekIsPunct("=")) {
            pos++;
            String value = id();
            (cluster == null ? graphAttributes : clusterAttributes.get(cluster)).put(a, value);
            return;
        }
        if (peekIsPunct("->") || peekIsPunct("--")) {
            List<String> chain = new ArrayList<>(List.of(a));
            while (peekIsPunct("->") || peekIsPunct("--")) {
                String op = next();
                if (op.equals("->") != directed) {
                    throw new IllegalArgumentException("edge operator " + op + " in a " + (directed ? "digraph" : "graph"));
                }
                chain.add(id());
            }
            Map<String, String> attrs = peekIsPunct("[") ? attributes() : Map.of();
            for (String n : chain) {
                mention(n, cluster);
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                edges.add(new ParsedEdge(chain.get(i), chain.get(i + 1), attrs));
            }
            return;
        }
        Map<String, String> attrs = peekIsPunct("[") ? attributes() : Map.of();
        mention(a, cluster);
        nodes.get(a).putAll(attrs);
    }

    private void mention(String node, String cluster) {
        if (!nodes.containsKey(node)) {
            nodes.put(node, new LinkedHashMap<>());
            if (cluster != null) {
                clusters.get(cluster).add(node);
            }
        }
    }

    private Map<String, String> attributes() {
        Map<String, String> attrs = new LinkedHashMap<>();
        while (peekIsPunct("[")) {
            pos++;
            while (!peekIsPunct("]")) {
                String k = id();
                expect("=");
                attrs.put(k, id());
                if (peekIsPunct(",") || peekIsPunct(";")) {
                    pos++;
                }
            }
            expect("]");
        }
        return attrs;
    }

    /** A label's lines, its {@code \n} escapes turned into line breaks and {@code \\} into one backslash. */
    static List<String> lines(String label) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '\\' && i + 1 < label.length()) {
                char d = label.charAt(++i);
                if (d == 'n' || d == 'l' || d == 'r') {
                    out.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(d);
                }
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
