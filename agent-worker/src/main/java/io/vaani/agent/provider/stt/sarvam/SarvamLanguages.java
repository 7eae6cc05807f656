package io.vaani.agent.provider.stt.sarvam;

/** Sarvam names languages as BCP-47 with the Indian region (hi-IN, en-IN) or {@code unknown} to detect them. */
final class SarvamLanguages {

    private SarvamLanguages() {
    }

    static String code(String language) {
        if (language == null || language.isBlank()) {
            return "unknown";
        }
        return language.contains("-") || language.equals("unknown") ? language : language + "-IN";
    }
}
