package io.vaani.scheduler.lifecycle;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.vaani.scheduler.config.SchedulerConfig;
import jakarta.inject.Singleton;

/** The scheduler's on/off switch for scheduled jobs ({@code vaani.scheduler.enabled}). */
public final class SchedulerSwitch {
    private SchedulerSwitch() {
    }

    /** Skips scheduled jobs while the scheduler is off. */
    @Singleton
    public static class Off implements Scheduled.SkipPredicate {
        private final SchedulerConfig config;

        Off(SchedulerConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
