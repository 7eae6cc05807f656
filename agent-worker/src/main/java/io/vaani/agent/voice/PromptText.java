package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {{variable}}} in an agent's prompt and messages from the prospect's variables; unknown ones become empty. */
final class PromptText {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private PromptText() {
    }

    static String fill(String template, JsonNode variables) {
        if (template == null) {
            return "";
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = variables == null ? null : variables.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null || value.isNull() ? ""
                    : value.isTextual() ? value.asText() : value.toString()));
        }
        return matcher.appendTail(filled).toString();
    }
}
