package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonResourceTest {

    @Test
    void nestedValuesKeepTheirOrderAndTypes() {
        Object v = JsonResource.parse("# a comment\n[{\"b\":1,\"a\":[-3,\"x\"]},\n# another\n{}, []]\n");
        assertEquals(List.of(Map.of("b", 1, "a", List.of(-3, "x")), Map.of(), List.of()), v);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) v).get(0);
        assertEquals(List.of("b", "a"), List.copyOf(first.keySet()));
    }

    @Test
    void stringEscapesAndHashInsideStrings() {
        assertEquals("a\"b\\c\nd\u00e9 #1", JsonResource.parse("\"a\\\"b\\\\c\\nd\\u00e9 #1\""));
    }

    @Test
    void malformedInputThrows() {
        assertThrows(IllegalStateException.class, () -> JsonResource.parse("[1,"));
        assertThrows(IllegalStateException.class, () -> JsonResource.parse("{\"a\" 1}"));
        assertThrows(IllegalStateException.class, () -> JsonResource.parse("\"open"));
        assertThrows(IllegalStateException.class, () -> JsonResource.parse("[] x"));
    }

    @Test
    void theCommandTableAndHelpTextsLoad() {
        CommandTable table = CommandTable.load();
        assertEquals("role", table.topLevel().iterator().next().name(), "redis-sentinel's COMMAND order");
        CommandSpec gma = table.byFullName("sentinel|get-master-addr-by-name");
        assertEquals(3, gma.arity());
        assertTrue(table.get("HELLO").hasFlag("no_auth"));
        assertTrue(HelpTexts.load().reply("client").toString().contains("CLIENT <subcommand>"));
    }
}
