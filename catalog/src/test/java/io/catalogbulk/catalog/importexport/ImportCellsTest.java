package io.catalogbulk.catalog.importexport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ImportCellsTest {

    @Test
    void pairsKeepSeparatorsInsideValuesAndUnquote() {
        List<String> errors = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("has_options", "1");
        expected.put("label", "Catalog, Search");
        expected.put("quoted", "a,\"b\"");
        expected.put("color", "Red");
        assertEquals(expected, ImportCells.pairs("has_options=1,label=Catalog, Search,quoted=\"a,\"\"b\"\"\",color=Red", ",", "x", errors));
        assertEquals(List.of(), errors);
        ImportCells.pairs("novalue", ",", "additional_attributes", errors);
        assertEquals(List.of("Value for 'additional_attributes' attribute contains incorrect value"), errors);
    }

    @Test
    void numbersAndMultipleValues() {
        assertEquals(true, ImportCells.isNumber("1.000000"));
        assertEquals(true, ImportCells.isNumber(" 25 "));
        assertEquals(false, ImportCells.isNumber("1,5"));
        assertEquals(false, ImportCells.isNumber("abc"));
        ImportRow row = new ImportRow(1, Map.of("categories", "Default Category/Gear, Default Category/Bags,,"));
        assertEquals(List.of("Default Category/Gear", "Default Category/Bags"), ImportCells.values(row, "categories"));
    }
}
