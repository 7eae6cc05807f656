package io.vaani.api.agent;

import static io.vaani.api.validation.Changes.or;

import io.vaani.api.agent.AgentDtos.AgentSpec;
import io.vaani.api.agent.AgentDtos.HttpTool;
import io.vaani.api.agent.AgentDtos.Model;
import io.vaani.api.agent.AgentDtos.Tools;
import io.vaani.api.agent.AgentDtos.Voice;
import io.vaani.api.agent.AgentDtos.Voicemail;
import io.vaani.api.agent.AgentDtos.VoicemailAction;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.agent.Providers;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Defaults, changes and the checks a field annotation cannot make: providers the worker speaks, tools that can run. */
final class AgentRules {
    /** Names the worker's own tools take; a workspace tool may not shadow one. */
    static final Set<String> BUILT_IN_TOOLS = Set.of("end_call", "schedule_callback", "opt_out", "transfer_call");
    static final AgentSpec DEFAULTS = new AgentSpec(null, "vaani-agent", "", null, "en-US", new Model("openai", "gpt-4o-mini"),
            new Model("deepgram", "nova-3"), new Voice("elevenlabs", null, null), new Tools(true, true, true, null, List.of()),
            new Voicemail(VoicemailAction.HANG_UP, null), 600);

    private AgentRules() {
    }

    /** A new agent: the body over the defaults. */
    static AgentSpec create(AgentSpec body) {
        if (body.name() == null) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        return checked(overlay(DEFAULTS, body));
    }

    /** A changed agent: the present fields of the change over the current ones. */
    static AgentSpec change(AgentSpec current, AgentSpec change) {
        return checked(overlay(current, change));
    }

    private static AgentSpec overlay(AgentSpec base, AgentSpec top) {
        return new AgentSpec(or(top.name(), base.name()), or(top.livekitAgentName(), base.livekitAgentName()),
                or(top.systemPrompt(), base.systemPrompt()), or(top.firstMessage(), base.firstMessage()), or(top.language(), base.language()),
                or(top.llm(), base.llm()), or(top.stt(), base.stt()), or(top.tts(), base.tts()), or(top.tools(), base.tools()),
                or(top.voicemail(), base.voicemail()), or(top.maxCallSeconds(), base.maxCallSeconds()));
    }

    private static AgentSpec checked(AgentSpec agent) {
        provider("llm.provider", Providers.LLM, agent.llm().provider());
        provider("stt.provider", Providers.STT, agent.stt().provider());
        provider("tts.provider", Providers.TTS, agent.tts().provider());
        if (agent.voicemail().action() == VoicemailAction.LEAVE_MESSAGE
                && (agent.voicemail().message() == null || agent.voicemail().message().isBlank())) {
            throw ProblemException.invalid("voicemail.message", "required to leave a message");
        }
        List<HttpTool> http = agent.tools().http() == null ? List.of() : agent.tools().http();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < http.size(); i++) {
            HttpTool tool = http.get(i);
            String field = "tools.http[" + i + "]";
            if (BUILT_IN_TOOLS.contains(tool.name()) || !names.add(tool.name())) {
                throw ProblemException.invalid(field + ".name", "'" + tool.name() + "' is taken by another tool");
            }
            if (!httpUrl(tool.url())) {
                throw ProblemException.invalid(field + ".url", "an absolute http or https URL");
            }
            if (!"object".equals(tool.parameters().get("type"))) {
                throw ProblemException.invalid(field + ".parameters", "a JSON Schema of type object");
            }
        }
        return agent;
    }

    private static void provider(String field, Providers providers, String name) {
        if (!providers.supports(name)) {
            throw ProblemException.invalid(field, "one of " + providers.names());
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
