package io.vaani.agent.worker;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vaani.agent.config.LiveKitConfig;
import io.vaani.agent.config.WorkerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The worker's real configuration mappings, read from properties given by a test, with Quarkus' duration format. */
public record WorkerSettings(WorkerConfig worker, LiveKitConfig livekit) {

    public static WorkerSettings of(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(WorkerConfig.class).withMapping(LiveKitConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(all).build();
        return new WorkerSettings(config.getConfigMapping(WorkerConfig.class), config.getConfigMapping(LiveKitConfig.class));
    }
}
