package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void stringsAreEscapedForJsonAndForScriptElements() {
        String tricky = "a\"b\\c\nd\te</script>&\u2028\u0001";
        String q = Json.quote(tricky);
        assertThat(q).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\n")
                .doesNotContain("\u2028");
        assertThat(JsonParser.parseString(q).getAsString()).isEqualTo(tricky);
        assertThat(Json.quote(null)).isEqualTo("null");
    }

    @Test
    void arraysOfStrings() {
        assertThat(Json.strings(List.of("n1", "n2"))).isEqualTo("[\"n1\",\"n2\"]");
        assertThat(Json.strings(List.of())).isEqualTo("[]");
        assertThat(JsonParser.parseString(Json.strings(Arrays.asList("x", null))).getAsJsonArray().get(1).isJsonNull())
                .isTrue();
    }
}
