package io.vaani.dialer.callstate;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.vaani.dialer.config.DialerConfig;
import jakarta.inject.Singleton;

/** Whether this replica dials: {@code vaani.dialer.enabled}, off in tests that drive the parts by hand. */
public final class DialerSwitch {
    private DialerSwitch() {
    }

    /** Skips scheduled jobs while the dialer is off. */
    @Singleton
    public static class Off implements Scheduled.SkipPredicate {
        private final DialerConfig config;

        Off(DialerConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
