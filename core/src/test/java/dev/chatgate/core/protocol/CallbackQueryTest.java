package dev.chatgate.core.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void readingTakesTheFirstOfARepeatedNameAndToleratesEmptyPairsAndBareNames() {
        CallbackQuery query = CallbackQuery.parse("&SdkAppid=1&&SdkAppid=2&CallbackCommand=A.B&ClientIP&contenttype=");
        assertThat(query.sdkAppId()).isEqualTo("1");
        assertThat(query.callbackCommand()).isEqualTo("A.B");
        assertThat(query.clientIp()).as("a name without '=' has an empty value").isEmpty();
        assertThat(query.contentType()).isEmpty();
        assertThat(query.sign()).isNull();
        assertThat(CallbackQuery.parse(null)).isEqualTo(CallbackQuery.parse(""));
    }

    @Test
    void escapesAndPlusesAreDecodedInNamesAndValues() {
        CallbackQuery query = CallbackQuery.parse("Sdk%41ppid=1&OptPlatform=Web+%E4%B8%AD&ClientIP=%3A%3A1");
        assertThat(query.sdkAppId()).isEqualTo("1");
        assertThat(query.optPlatform()).isEqualTo("Web \u4e2d");
        assertThat(query.clientIp()).isEqualTo("::1");
    }

    @Test
    void aMalformedEscapeIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> CallbackQuery.parse("SdkAppid=1&OptPlatform=%zz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escape");
    }

    @Test
    void valuesAreWrittenAsTheJdksFormEncoderWouldWriteThem() {
        String value = "a b&c=d/e.f-g_h*i~j\u4e2d%";
        CallbackQuery query = new CallbackQuery("1", "A.B", null, null, value, null, null);
        assertThat(query.toQueryString()).isEqualTo("SdkAppid=1&CallbackCommand=A.B&OptPlatform="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CallbackQuery.parse(query.toQueryString()).optPlatform()).isEqualTo(value);
    }
}
