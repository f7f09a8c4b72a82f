package dev.chatgate.server.reference.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How schemas become field rows: references followed, allOf merged, arrays and cycles. */
class FieldTableTest {

    private static final String SCHEMAS = """
            Ack:
              type: object
              required: [ErrorCode]
              properties:
                ErrorCode: {type: integer, format: int32, description: 0 for success.}
            Answer:
              allOf:
                - $ref: '#/components/schemas/Ack'
                - type: object
                  properties:
                    Refused: {type: array, items: {type: string}, x-aliases: [RefusedMembers]}
            Member:
              type: object
              required: [Account]
              properties:
                Account: {type: string}
                Invited: {$ref: '#/components/schemas/Member'}
            Join:
              type: object
              properties:
                When: {type: [integer, string]}
                Members: {type: array, items: {$ref: '#/components/schemas/Member'}}
            """;

    private final JsonNode schemas = read(SCHEMAS);
    private final FieldTable table = new FieldTable(new SchemaView(schemas));

    private static JsonNode read(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void allOfPartsAreMergedWithTheirRequiredFields() {
        List<Field> rows = table.rows(schemas.path("Answer"));
        assertThat(rows).extracting(Field::path).containsExactly("ErrorCode", "Refused");
        assertThat(rows.get(0)).satisfies(f -> {
            assertThat(f.required()).isTrue();
            assertThat(f.type()).isEqualTo("integer (int32)");
        });
        assertThat(rows.get(1).type()).isEqualTo("array of string");
        assertThat(rows.get(1).aliases()).containsExactly("RefusedMembers");
    }

    @Test
    void arrayItemsAreNestedAndACycleIsCutWhereItCloses() {
        List<Field> rows = table.rows(schemas.path("Join"));
        assertThat(rows).extracting(Field::path)
                .containsExactly("When", "Members", "Members[].Account", "Members[].Invited");
        assertThat(rows).extracting(Field::type)
                .containsExactly("integer or string", "array of Member", "string", "object (Member)");
        assertThat(rows.get(2).required()).isTrue();
        assertThat(rows.get(2).depth()).isEqualTo(1);
    }
}
