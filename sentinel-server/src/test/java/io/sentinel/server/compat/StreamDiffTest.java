package io.sentinel.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamDiffTest {
    final StreamDiff diff = new StreamDiff(Set.of("+try-failover"), (a, b) -> EventParityIT.either(a, b, "+sentinel",
            "+slave"));

    @Test
    void sameShapesInTheSameOrderMatchRepeatsAndOptionalChannelsAside() {
        assertEquals(List.of(), diff.differences(List.of("+sdown a", "+odown a", "+sdown a", "+try-failover a"),
                List.of("+sdown a", "+odown a")));
    }

    @Test
    void missingExtraAndReorderedShapesAreEachADifference() {
        assertEquals(List.of("missing in ours: +odown a", "extra in ours: +reboot r"),
                diff.differences(List.of("+sdown a", "+odown a"), List.of("+sdown a", "+reboot r")));
        assertEquals(List.of("order: redis-sentinel has [+sdown a] before [+odown a], we after"),
                diff.differences(List.of("+sdown a", "+odown a"), List.of("+odown a", "+sdown a")));
    }

    @Test
    void pairsThatCommuteMayComeInEitherOrder() {
        assertEquals(List.of(),
                diff.differences(List.of("+sentinel s", "+slave r"), List.of("+slave r", "+sentinel s")));
    }

    @Test
    void pairingFindsTheAssignmentWithFewestDifferences() {
        List<List<String>> theirs = List.of(List.of("+elected-leader"), List.of("+vote"), List.of("+vote"));
        List<List<String>> ours = List.of(List.of("+vote"), List.of("+vote"), List.of("+elected-leader"));
        assertEquals(List.of(), StreamPairing.differences(diff, theirs, ours));
    }
}
