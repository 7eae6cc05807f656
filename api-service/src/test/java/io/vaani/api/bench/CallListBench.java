package io.vaani.api.bench;

import static io.vaani.api.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (deploy/local/bench.sh api): a workspace of 5,000,000 call logs over 10
 * campaigns and 200,000 numbers; times pages of 50 through the API, per filter, and prints p50/p99.
 */
@Tag("bench")
@QuarkusTest
@ApiTest
class CallListBench {
    static final int CALLS = Integer.getInteger("bench.calls", 5_000_000);
    static final int PAGES = Integer.getInteger("bench.pages", 200);

    @Test
    void pagesOfCallLogs() throws Exception {
        Person member = Api.person("bench-calls");
        UUID workspace = Api.workspace(member);
        List<UUID> campaigns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            campaigns.add(Api.campaign(workspace, member));
        }
        long started = System.nanoTime();
        try (TestData data = new TestData(ApiTest.DATABASE)) {
            data.update("""
                    insert into call_logs (workspace_id, campaign_id, phone, telephony, status, outcome, created_at, ended_at, talk_seconds)
                    select ?, (?::uuid[])[1 + i % 10], '+1415' || lpad((i % 200000)::text, 7, '0'), 'SIMULATOR', 'ENDED',
                           (array['COMPLETED','NO_ANSWER','BUSY','VOICEMAIL','FAILED','ABANDONED'])[1 + (i / 10) % 6],
                           now() - make_interval(secs => (? - i) * 0.5), now() - make_interval(secs => (? - i) * 0.5 - 30), 30
                    from generate_series(1, ?) i""", workspace, "{" + String.join(",", campaigns.stream().map(UUID::toString).toList()) + "}", CALLS, CALLS, CALLS);
            data.update("analyze call_logs");
        }
        System.out.printf("BENCH calls seeded=%d seconds=%.1f%n", CALLS, (System.nanoTime() - started) / 1e9);

        String calls = "/v1/workspaces/" + workspace + "/calls";
        measure("newest", member, calls, Map.of());
        measure("campaign", member, calls, Map.of("campaignId", campaigns.get(3).toString()));
        measure("phone", member, calls, Map.of("phone", "+14150012345"));
        measure("outcome", member, calls, Map.of("outcome", "ABANDONED"));
        measure("campaign+outcome", member, calls, Map.of("campaignId", campaigns.get(3).toString(), "outcome", "BUSY"));
        measure("live (none)", member, calls, Map.of("status", "RINGING"));
        measure("last-hour", member, calls, Map.of("from", java.time.Instant.now().minusSeconds(3600).toString()));
        measure("before-a-week-ago", member, calls, Map.of("to", java.time.Instant.now().minusSeconds(7 * 86400).toString()));
        // Deep in the list: 1,000 pages down, followed by its cursor.
        String cursor = null;
        for (int i = 0; i < 1000; i++) {
            cursor = request(member, calls, cursor == null ? Map.of() : Map.of("cursor", cursor)).get().then().statusCode(200)
                    .extract().path("nextCursor");
        }
        String deep = cursor;
        measure("deep-page", member, calls, Map.of("cursor", deep));
    }

    private static void measure(String name, Person member, String path, Map<String, String> query) {
        for (int i = 0; i < 20; i++) { // warm up
            request(member, path, query).get().then().statusCode(200);
        }
        long[] nanos = new long[PAGES];
        int items = 0;
        for (int i = 0; i < PAGES; i++) {
            long started = System.nanoTime();
            List<?> page = request(member, path, query).get().then().statusCode(200).extract().path("items");
            nanos[i] = System.nanoTime() - started;
            items = page.size();
        }
        Arrays.sort(nanos);
        Function<Double, Double> ms = q -> nanos[(int) Math.min(nanos.length - 1, Math.ceil(q * nanos.length) - 1)] / 1e6;
        System.out.printf("BENCH calls-page filter=%s items=%d p50=%.1fms p99=%.1fms max=%.1fms%n", name, items, ms.apply(0.5),
                ms.apply(0.99), nanos[nanos.length - 1] / 1e6);
    }

    private static RequestSpecification request(Person member, String path, Map<String, String> query) {
        RequestSpecification request = as(member).basePath(path);
        query.forEach(request::queryParam);
        return request;
    }
}
