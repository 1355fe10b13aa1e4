package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.codegen.fused.Layout.Access;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void fullInputsMakeOneFlatLoop() {
        Layout l = Layout.of(new int[] {4, 5, 6}, List.of(new int[] {4, 5, 6}, new int[0]), -1);
        assertThat(l.split()).isZero();
        assertThat(l.outer()).isEqualTo(1);
        assertThat(l.inner()).isEqualTo(120);
        assertThat(l.access()).containsExactly(Access.FULL, Access.SCALAR);
    }

    @Test
    void biasRowsAndPerRowColumns() {
        Layout bias = Layout.of(new int[] {64, 256}, List.of(new int[] {64, 256}, new int[] {256}), -1);
        assertThat(bias.split()).isEqualTo(1);
        assertThat(bias.access()).containsExactly(Access.FULL, Access.INNER);
        Layout col = Layout.of(new int[] {2, 3, 4}, List.of(new int[] {2, 3, 4}, new int[] {2, 1, 1},
                new int[] {3, 4}), -1);
        assertThat(col.split()).isEqualTo(1);
        assertThat(col.outer()).isEqualTo(2);
        assertThat(col.inner()).isEqualTo(12);
        assertThat(col.access()).containsExactly(Access.FULL, Access.OUTER, Access.INNER);
    }

    @Test
    void otherBroadcastsAreExpanded() {
        Layout l = Layout.of(new int[] {3, 4, 5}, List.of(new int[] {3, 1, 5}, new int[] {1, 4, 1}), -1);
        // No split reads either as it is: both are materialised at [3, 4, 5].
        assertThat(l.expanded()).containsExactly(true, true);
        Layout one = Layout.of(new int[] {3, 4, 5}, List.of(new int[] {3, 4, 5}, new int[] {4, 1}, new int[] {5}), -1);
        assertThat(one.split()).isEqualTo(2);   // [5] is per column of a [12, 5] walk; only [4, 1] is expanded
        assertThat(one.expanded()).containsExactly(false, true, false);
        assertThat(l.access()).containsExactly(Access.FULL, Access.FULL);
        Layout none = Layout.of(new int[] {2, 3}, List.of(new int[] {2, 3}, new int[] {3}), -1);
        assertThat(none.expanded()).containsOnly(false);
    }

    @Test
    void aRequiredSplitIsHonoured() {
        Layout l = Layout.of(new int[] {4, 5, 6}, List.of(new int[] {4, 5, 6}), 2);
        assertThat(l.outer()).isEqualTo(20);
        assertThat(l.inner()).isEqualTo(6);
        assertThat(Layout.of(new int[] {4, 6}, List.of(new int[] {6}), 1).access()).containsExactly(Access.INNER);
        assertThat(Layout.of(new int[] {4, 6}, List.of(new int[] {4, 1}), 0).expanded()).containsExactly(true);
        assertThat(Layout.of(new int[] {4, 6}, List.of(new int[] {4, 6}), 3)).isNull();
    }
}
