package io.vaani.agent.voice.vad;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The process's one Silero model, loaded when a call first needs it and closed at shutdown. */
@Singleton
public class VadBeans {

    @Produces
    @Singleton
    SileroModel sileroModel() {
        return SileroModel.load();
    }

    void close(@Disposes SileroModel model) {
        model.close();
    }
}
