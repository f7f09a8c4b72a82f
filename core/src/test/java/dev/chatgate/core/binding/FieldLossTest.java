package dev.chatgate.core.binding;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldLossTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static java.util.List<String> loss(String original, String copy) throws Exception {
        return FieldLoss.between(JSON.readTree(original), JSON.readTree(copy));
    }

    @Test
    void aMissingNestedValueIsReportedAtItsPointer() throws Exception {
        assertThat(loss("{\"a\":[{\"b\":1,\"c\":\"x\"}]}", "{\"a\":[{\"b\":1}]}")).containsExactly("/a/0/c missing");
    }

    @Test
    void aNumericStringMayComeBackAsItsNumberButNotAsAnother() throws Exception {
        assertThat(loss("{\"t\":\"1670574414123\"}", "{\"t\":1670574414123}")).isEmpty();
        assertThat(loss("{\"t\":\"1670574414123\"}", "{\"t\":1670574414124}")).hasSize(1);
    }

    @Test
    void emptyValuesMustSurvive() throws Exception {
        assertThat(loss("{\"s\":\"\",\"l\":[]}", "{}")).containsExactlyInAnyOrder("/s missing", "/l missing");
    }

    @Test
    void extraValuesInTheCopyAreNotLosses() throws Exception {
        assertThat(loss("{\"a\":1}", "{\"a\":1.0,\"b\":2}")).isEmpty();
    }
}
