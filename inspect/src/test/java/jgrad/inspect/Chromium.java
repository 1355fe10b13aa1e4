package jgrad.inspect;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools protocol (JSON messages on a WebSocket, with
 * java.net.http): open a page, run script in it, click with the mouse, press keys. For tests.
 */
final class Chromium implements AutoCloseable {
    /** The flags this machine needs (no sandbox as root, no GPU, no network chatter). */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser: system property jgrad.chromium, env CHROMIUM, else chromium / chromium-browser / google-chrome on PATH. */
    static Optional<Path> executable() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("jgrad.chromium")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("CHROMIUM")).ifPresent(candidates::add);
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, name).toString());
                }
            }
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts the browser with a fresh profile and connects to its blank page. */
    static Chromium start(Path exe) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jgrad-chromium");
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + profile);
        cmd.add("--remote-debugging-port=0");
        cmd.add("--window-size=1400,900");
        cmd.add("about:blank");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(profile.resolve("stderr.txt").toFile()).start();
        try {
            // With port 0 Chromium picks a free port and writes it to DevToolsActivePort in the profile.
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<String> lines = List.of();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("chromium exited with " + p.exitValue() + ": " + tail(profile.resolve("stderr.txt")));
                }
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile);
                    if (lines.size() >= 2) {
                        break;
                    }
                }
                Thread.sleep(25);
            }
            if (lines.size() < 2) {
                throw new IOException("chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s: "
                        + tail(profile.resolve("stderr.txt")));
            }
            int port = Integer.parseInt(lines.get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String pageUrl = null;
            while (pageUrl == null && System.nanoTime() < deadline) {
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/json/list")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonElement t : JsonParser.parseString(list.body()).getAsJsonArray()) {
                    JsonObject o = t.getAsJsonObject();
                    if (o.get("type").getAsString().equals("page") && o.has("webSocketDebuggerUrl")) {
                        pageUrl = o.get("webSocketDebuggerUrl").getAsString();
                    }
                }
                if (pageUrl == null) {
                    Thread.sleep(25);
                }
            }
            if (pageUrl == null) {
                throw new IOException("chromium shows no page target");
            }
            Listener listener = new Listener();
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageUrl), listener)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Chromium c = new Chromium(p, profile, ws);
            listener.owner = c;
            c.call("Page.enable", new JsonObject());
            c.call("Runtime.enable", new JsonObject());
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw e;
        } catch (Exception e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw new IOException("cannot connect to chromium: " + e, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> l = Files.readAllLines(file);
            return String.join("\n", l.subList(Math.max(0, l.size() - 5), l.size()));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    /** Collects frames into messages and routes them to the waiting call or the event queue. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonObject msg = JsonParser.parseString(buffer.toString()).getAsJsonObject();
                buffer.setLength(0);
                Chromium c = owner;
                if (c != null) {
                    if (msg.has("id")) {
                        CompletableFuture<JsonObject> f = c.pending.remove(msg.get("id").getAsInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        c.events.add(msg);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends a DevTools command and waits for its result; an error reply throws. */
    JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(msg.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonObject r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IllegalStateException(method + " failed: " + r.get("error"));
            }
            return r.getAsJsonObject("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed: " + e, e);
        }
    }

    /** Loads a file and waits for its load event. Script errors thrown so far are dropped. */
    void open(Path file) throws InterruptedException {
        events.clear();
        JsonObject params = new JsonObject();
        params.addProperty("url", file.toUri().toString());
        call("Page.navigate", params);
        awaitEvent("Page.loadEventFired");
    }

    JsonObject awaitEvent(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.get("method").getAsString().equals(method)) {
                return e;
            }
            if (e != null) {
                seen.add(e);
            }
        }
        throw new IllegalStateException("no " + method + " event within " + TIMEOUT.toSeconds() + " s");
    }

    private final List<JsonObject> seen = new ArrayList<>();

    /** Script exceptions the page threw since the last {@link #open} (Runtime.exceptionThrown events). */
    List<String> exceptions() {
        List<String> out = new ArrayList<>();
        List<JsonObject> all = new ArrayList<>(seen);
        events.drainTo(all);
        seen.clear();
        seen.addAll(all);
        for (JsonObject e : all) {
            if (e.get("method").getAsString().equals("Runtime.exceptionThrown")) {
                out.add(e.getAsJsonObject("params").getAsJsonObject("exceptionDetails").toString());
            }
        }
        return out;
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON). */
    JsonElement eval(String expression) {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        params.addProperty("awaitPromise", true);
        JsonObject r = call("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        JsonObject result = r.getAsJsonObject("result");
        return result.has("value") ? result.get("value") : null;
    }

    /** A real mouse click (move, press, release) at page coordinates. */
    void click(double x, double y) {
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            JsonObject p = new JsonObject();
            p.addProperty("type", type);
            p.addProperty("x", x);
            p.addProperty("y", y);
            if (!type.equals("mouseMoved")) {
                p.addProperty("button", "left");
                p.addProperty("clickCount", 1);
            }
            call("Input.dispatchMouseEvent", p);
        }
    }

    /** Clicks the middle of the first element matching {@code selector}; fails if it has no area. */
    void clickOn(String selector) {
        JsonArray box = eval("(() => { const r = document.querySelector(" + new JsonPrimitive(selector)
                + ").getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2, r.width, r.height]; })()").getAsJsonArray();
        if (box.get(2).getAsDouble() <= 0 || box.get(3).getAsDouble() <= 0) {
            throw new IllegalStateException(selector + " has no area on the page");
        }
        click(box.get(0).getAsDouble(), box.get(1).getAsDouble());
    }

    /** Presses and releases a key such as ArrowRight. */
    void press(String key, int keyCode) {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            JsonObject p = new JsonObject();
            p.addProperty("type", type);
            p.addProperty("key", key);
            p.addProperty("code", key);
            p.addProperty("windowsVirtualKeyCode", keyCode);
            call("Input.dispatchKeyEvent", p);
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            // The browser's helper processes (renderer, zygote) go first, by their ids, then the browser.
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }
}
