package io.vaani.dialer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.dialer.campaign.DialPlans;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A campaign's plan carries its agent's profile as agents stores it, read again once the agent is edited. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_records"),
        @ResourceArg(name = "redis-db", value = "9") })
class AgentProfilesTest {
    /** {@code agents.tools} as api-service writes it (AgentDtos.Tools). */
    static final String TOOLS = """
            {"endCall":true,"callback":false,"optOut":true,"transferNumber":"+14155550199","http":[{"name":"lookup_policy",
            "description":"Finds the policy","url":"https://crm.example.com/lookup","method":"POST","timeoutMs":3000,
            "parameters":{"type":"object","properties":{"policy":{"type":"string"}}}}]}""";

    @Inject
    DialPlans plans;

    @Inject
    ObjectMapper json;

    TestData data;
    UUID campaign;

    @BeforeEach
    void data() throws Exception {
        data = new TestData("vaani_test_dialer_records");
        campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    AgentProfile profile() {
        return plans.load(campaign).await().indefinitely().orElseThrow().agentProfile();
    }

    @Test
    void thePlanCarriesEverySettingOfTheAgent() throws Exception {
        data.update("update agents set name = 'Renewals', system_prompt = 'You call about renewals.', first_message = 'Hi {{firstName}}', "
                + "language = 'en-GB', llm_provider = 'groq', llm_model = 'llama-3.3-70b', stt_provider = 'sarvam', "
                + "stt_model = 'saarika', tts_provider = 'cartesia', tts_model = 'sonic-2', tts_voice = 'v-1', tools = ?::jsonb, "
                + "voicemail_action = 'LEAVE_MESSAGE', voicemail_message = 'Call us back.', max_call_seconds = 300, "
                + "updated_at = now() where id = ?", TOOLS, data.agent);

        AgentProfile profile = profile();

        assertThat(profile).isEqualTo(new AgentProfile("Renewals", "You call about renewals.", "Hi {{firstName}}", "en-GB",
                new AgentProfile.Model("groq", "llama-3.3-70b"), new AgentProfile.Model("sarvam", "saarika"),
                new AgentProfile.Voice("cartesia", "sonic-2", "v-1"), new AgentProfile.Tools(true, false, true, "+14155550199",
                        List.of(new AgentProfile.HttpTool("lookup_policy", "Finds the policy", "https://crm.example.com/lookup",
                                "POST", 3000, json.readTree("{\"type\":\"object\",\"properties\":{\"policy\":{\"type\":\"string\"}}}")))),
                AgentProfile.VoicemailAction.LEAVE_MESSAGE, "Call us back.", 300));
    }

    @Test
    void anAgentLeftAtItsDefaultsHasNoToolsAndTheProvidersDefaultVoice() {
        AgentProfile profile = profile();

        assertThat(profile.tools()).isEqualTo(AgentProfile.Tools.none());
        assertThat(profile.tts()).isEqualTo(new AgentProfile.Voice("elevenlabs", null, null));
        assertThat(profile.firstMessage()).isNull();
        assertThat(profile.voicemailAction()).isEqualTo(AgentProfile.VoicemailAction.HANG_UP);
        assertThat(profile.maxCallSeconds()).isEqualTo(600);
    }

    @Test
    void theProfileIsReadAgainExactlyWhenTheAgentsUpdatedAtMoves() throws Exception {
        data.update("update agents set system_prompt = 'First prompt.', updated_at = now() where id = ?", data.agent);
        assertThat(profile().systemPrompt()).isEqualTo("First prompt.");

        // Unchanged updated_at: the kept profile, not re-read (which is what makes the tick cheap).
        data.update("update agents set system_prompt = 'Edited behind updated_at.' where id = ?", data.agent);
        assertThat(profile().systemPrompt()).isEqualTo("First prompt.");

        // An edit through the API moves updated_at: the next plan has the edited agent.
        data.update("update agents set system_prompt = 'Second prompt.', updated_at = updated_at + interval '1 second' where id = ?",
                data.agent);
        assertThat(profile().systemPrompt()).isEqualTo("Second prompt.");
    }
}
