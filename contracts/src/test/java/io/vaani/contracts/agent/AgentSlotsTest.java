package io.vaani.contracts.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSlotsTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void reportsInForceAddUpAndExpiredOnesAreNamed() {
        Map<String, String> reports = Map.of(
                "worker-a", AgentSlots.report(8, NOW.plusSeconds(5)),
                "worker-b", AgentSlots.report(4, NOW.plusSeconds(1)),
                "worker-gone", AgentSlots.report(16, NOW.minusSeconds(1)),
                "worker-garbled", "lots");
        AgentSlots.Census census = AgentSlots.census(reports, NOW);
        assertThat(census.capacity()).isEqualTo(12);
        assertThat(census.expired()).containsExactlyInAnyOrder("worker-gone", "worker-garbled");
    }

    @Test
    void metadataRoundTripsAsJson() {
        AgentJobMetadata job = new AgentJobMetadata(AgentJobMetadata.VERSION, 42, java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), 7, "+14155550100", AgentJobMetadata.Mode.ABANDON,
                "Sorry", AgentJobMetadata.variables("{\"first_name\":\"Asha\"}"),
                new AgentProfile("Asha's agent", "You call about renewals.", "Hello!", "en-US", new AgentProfile.Model("openai", "gpt-4o-mini"),
                        new AgentProfile.Model("deepgram", "nova-3"), new AgentProfile.Voice("elevenlabs", null, "voice-1"),
                        new AgentProfile.Tools(true, true, true, "+14155550199", List.of()), AgentProfile.VoicemailAction.HANG_UP, null, 600));
        AgentJobMetadata back = AgentJobMetadata.fromJson(job.toJson());
        assertThat(back).isEqualTo(job);
        assertThat(back.variables().get("first_name").asText()).isEqualTo("Asha");
    }
}
