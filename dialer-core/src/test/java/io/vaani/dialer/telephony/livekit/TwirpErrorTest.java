package io.vaani.dialer.telephony.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TwirpErrorTest {

    @Test
    void readsTheSipStatusLiveKitSendsAsAString() {
        TwirpError error = TwirpError.parse(503,
                """
                {"code":"unavailable","msg":"INVITE failed","meta":{"sip_status_code":"486","sip_status":"Busy Here"}}""");

        assertThat(error).isEqualTo(new TwirpError(503, "unavailable", "INVITE failed", Optional.of(486)));
        assertThat(error).hasToString("twirp unavailable (HTTP 503): INVITE failed, SIP 486");
    }

    @Test
    void readsANumericSipStatus() {
        assertThat(TwirpError.parse(503, "{\"code\":\"unavailable\",\"meta\":{\"sip_status_code\":480}}").sipStatus()).contains(480);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"0\"", "42", "\"7000\"", "486.5", "null", "{}"})
    void ignoresWhatIsNoSipFinalResponse(String sipStatus) {
        assertThat(TwirpError.parse(503, "{\"code\":\"unavailable\",\"meta\":{\"sip_status_code\":" + sipStatus + "}}").sipStatus())
                .isEmpty();
    }

    @Test
    void anErrorWithoutMetaHasNoSipStatus() {
        TwirpError error = TwirpError.parse(401, "{\"code\":\"unauthenticated\",\"msg\":\"invalid token\"}");

        assertThat(error).isEqualTo(new TwirpError(401, "unauthenticated", "invalid token", Optional.empty()));
        assertThat(error).hasToString("twirp unauthenticated (HTTP 401): invalid token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>502 Bad Gateway</body></html>", "502 Bad Gateway", "upstream connect error", "[\"code\"]"})
    void aBodyThatIsNoTwirpErrorKeepsItsText(String body) {
        assertThat(TwirpError.parse(502, body)).isEqualTo(new TwirpError(502, "unknown", "HTTP 502: " + body, Optional.empty()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyBodyLeavesOnlyTheHttpStatus(String body) {
        assertThat(TwirpError.parse(500, body)).isEqualTo(new TwirpError(500, "unknown", "", Optional.empty()));
    }

    @Test
    void aLongBodyIsAbbreviated() {
        String page = "x".repeat(1000);

        assertThat(TwirpError.parse(502, page).message()).isEqualTo("HTTP 502: " + "x".repeat(200) + "…");
    }
}
