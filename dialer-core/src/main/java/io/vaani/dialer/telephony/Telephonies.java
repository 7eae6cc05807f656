package io.vaani.dialer.telephony;

import io.vaani.contracts.domain.Telephony;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/** The adapter of each telephony, as each campaign chooses. */
@Singleton
public class Telephonies {
    private final Map<Telephony, TelephonyAdapter> adapters = new EnumMap<>(Telephony.class);

    Telephonies(Instance<TelephonyAdapter> all) {
        all.forEach(adapter -> adapters.put(adapter.kind(), adapter));
    }

    public TelephonyAdapter of(Telephony telephony) {
        TelephonyAdapter adapter = adapters.get(telephony);
        if (adapter == null) {
            throw new IllegalStateException("no adapter for telephony " + telephony);
        }
        return adapter;
    }
}
