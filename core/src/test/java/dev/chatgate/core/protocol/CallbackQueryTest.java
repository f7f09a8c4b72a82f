package dev.chatgate.core.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackQueryTest {

    @Test
    void theQueryStringRoundTripsInTencentsOrder() {
        CallbackQuery query = new CallbackQuery("1400000000", "Group.CallbackAfterNewMemberJoin", "json",
                "127.0.0.1", "iOS", "ab12", "1669872112");
        String text = query.toQueryString();
        assertThat(text).isEqualTo("SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterNewMemberJoin"
                + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=iOS&Sign=ab12&RequestTime=1669872112");
        assertThat(CallbackQuery.parse(text)).isEqualTo(query);
    }

    @Test
    void absentParametersAreLeftOutAndReadBackAsNull() {
        CallbackQuery query = new CallbackQuery("1", "Push.OfflinePush", "json", null, null, null, null);
        assertThat(query.toQueryString()).isEqualTo("SdkAppid=1&CallbackCommand=Push.OfflinePush&contenttype=json");
        assertThat(CallbackQuery.parse(query.toQueryString()).clientIp()).isNull();
    }

    @Test
    void valuesAreEncodedAndDecoded() {
        CallbackQuery query = new CallbackQuery("1", "A.B", "json", "::1", "a&b=c", null, null);
        assertThat(CallbackQuery.parse(query.toQueryString()).optPlatform()).isEqualTo("a&b=c");
    }
}
