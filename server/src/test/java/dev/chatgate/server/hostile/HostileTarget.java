package dev.chatgate.server.hostile;

import java.nio.charset.StandardCharsets;

/** The apps the hostile suite's server is configured with, and a callback that is genuine in every way. */
final class HostileTarget {

    static final String APP = "1400000001";
    static final String ENFORCING_APP = "1400000002";
    static final String TOKEN = "hostile-suite-token";
    static final int MAX_BODY_BYTES = 65536;

    static final String COMMAND = "Group.CallbackAfterNewMemberJoin";
    static final String BODY = "{\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\",\"GroupId\":\"@TGS#hostile\","
            + "\"Type\":\"Public\",\"JoinType\":\"Apply\",\"Operator_Account\":\"leckie\","
            + "\"NewMemberList\":[{\"Member_Account\":\"jared\"}],\"EventTime\":1670574414123}";

    private HostileTarget() {
    }

    static SignedQuery query() {
        return SignedQuery.of(APP, TOKEN, COMMAND);
    }

    /** The genuine callback, signed now. */
    static RawRequest genuine() {
        return RawRequest.post(query().target()).body(BODY);
    }

    /** The genuine query with this body. */
    static RawRequest withBody(String body) {
        return RawRequest.post(query().target()).body(body);
    }

    static RawRequest withBody(byte[] body) {
        return RawRequest.post(query().target()).body(body);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
