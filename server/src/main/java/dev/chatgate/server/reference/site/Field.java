package dev.chatgate.server.reference.site;

import java.util.List;

/**
 * One row of a field table.
 *
 * @param path        the field's place in the body: {@code NewMemberList[].Member_Account}
 * @param depth       how deep it is nested (0 at the top level)
 * @param type        its type as the spec gives it ({@code integer (int64)}, {@code array of MemberAccountItem})
 * @param variants    for a field whose shape depends on another one ({@code MsgContent} by {@code MsgType}): the
 *                    schemas it can take, described on the schemas page; otherwise empty
 * @param required    whether the schema requires it
 * @param description the spec's description, Markdown code spans kept
 * @param aliases     other spellings Tencent's documentation uses ({@code x-aliases})
 */
record Field(String path, int depth, String type, List<String> variants, boolean required, String description,
             List<String> aliases) {

    Field {
        variants = List.copyOf(variants);
        aliases = List.copyOf(aliases);
    }

    /** The last segment of the path: what a reader searches for. */
    String name() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
