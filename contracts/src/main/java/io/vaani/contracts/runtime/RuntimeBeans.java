package io.vaani.contracts.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This process's identity and clock; tests construct the classes that use them with their own. */
@Singleton
public class RuntimeBeans {

    @Produces
    @Singleton
    Instance instance(@ConfigProperty(name = "quarkus.application.name") String application) {
        return Instance.of(application);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
