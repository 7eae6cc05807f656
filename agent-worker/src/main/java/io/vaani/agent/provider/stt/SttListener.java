package io.vaani.agent.provider.stt;

import io.vaani.agent.provider.ProviderException;

public interface SttListener {

    void onTranscript(Transcript transcript);

    /** The session cannot go on (after the provider's own retries, if any). */
    void onError(ProviderException error);
}
