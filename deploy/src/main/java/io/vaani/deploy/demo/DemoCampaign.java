package io.vaani.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo run.sh ends with, through the public REST API only: a workspace, an agent, a DNC list, a
 * campaign on the simulated phone network, a generated prospect file, then the campaign's progress
 * until nothing is left to dial now (or Ctrl-C), and a summary of what happened.
 */
public final class DemoCampaign {
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Polls in a row with nothing in flight or waiting before the campaign counts as finished. */
    private static final int QUIET_POLLS = 6;

    /** How the demo runs. */
    public record Options(String api, String key, int prospects, Duration timeout, boolean live, long seed) {
    }

    /** What the campaign did, as the API reports it. */
    public record Summary(UUID workspace, UUID campaign, long accepted, long rejected, long unknownZone, int doNotCallListed,
            long callsPlaced, Map<String, Long> outcomes, long answered, long abandoned, Map<String, Long> prospects,
            Map<String, Long> skips, Duration elapsed, boolean finished) {

        double abandonRate() {
            return answered == 0 ? 0 : (double) abandoned / answered;
        }
    }

    private final VaaniApi api;
    private final Options options;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public DemoCampaign(Options options, PrintStream out) {
        this.api = new VaaniApi(options.api(), options.key());
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i], args[i + 1]);
        }
        Options options = new Options(given.getOrDefault("--api", "http://127.0.0.1:8080"), required(given, "--key"),
                Integer.parseInt(given.getOrDefault("--prospects", "2000")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("--timeout-seconds", "3600"))), System.console() != null,
                Long.parseLong(given.getOrDefault("--seed", String.valueOf(System.nanoTime()))));
        DemoCampaign demo = new DemoCampaign(options, System.out);
        CountDownLatch done = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // Ctrl-C: stop dialing, then let the summary print
            demo.stopping.set(true);
            main.interrupt();
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            demo.print(demo.run());
        } catch (VaaniApi.Refused e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        } finally {
            done.countDown();
        }
    }

    public Summary run() throws Exception {
        Instant started = Instant.now();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        UUID workspace = id(api.post("/v1/workspaces", Map.of("slug", "demo-" + suffix, "name", "Demo " + suffix, "maxConcurrency", 100)));
        String ws = "/v1/workspaces/" + workspace;
        UUID agent = id(api.post(ws + "/agents", Map.of("name", "Demo agent", "firstMessage", "Hi {{first_name}}, this is Vaani.",
                "llm", Map.of("provider", "local", "model", "scripted"), "stt", Map.of("provider", "local", "model", "none"),
                "tts", Map.of("provider", "local"))));
        UUID campaign = id(api.post(ws + "/campaigns", campaign(agent, suffix)));
        String campaignPath = ws + "/campaigns/" + campaign;

        Path file = Files.createTempFile("vaani-demo-prospects", ".csv");
        DemoProspects.File prospects = DemoProspects.write(file, options.prospects(), options.seed());
        List<Map<String, String>> dnc = prospects.doNotCall().stream().map(p -> Map.of("phone", p, "reason", "demo opt-out")).toList();
        if (!dnc.isEmpty()) {
            api.post(ws + "/dnc", Map.of("entries", dnc));
        }
        JsonNode upload = api.upload(campaignPath + "/lists", "file", file, "text/csv");
        Files.deleteIfExists(file);
        say("workspace %s, campaign %s: %d prospects accepted, %d rejected, %d without a known time zone, %d on the DNC list",
                workspace, campaign, upload.path("accepted").asLong(), upload.path("rejected").asLong(),
                upload.path("unknownZone").asLong(), dnc.size());

        api.post(campaignPath + "/start", Map.of());
        JsonNode status = watch(campaignPath, upload.path("accepted").asLong(), started);
        boolean finished = !stopping.get() && Duration.between(started, Instant.now()).compareTo(options.timeout()) < 0;
        api.post(campaignPath + "/stop", Map.of());

        Map<String, Long> outcomes = new TreeMap<>();
        long placed = 0;
        String cursor = null;
        do {
            JsonNode page = api.get(ws + "/calls?limit=200&campaignId=" + campaign + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode call : page.path("items")) {
                placed++;
                outcomes.merge(call.path("outcome").isNull() ? "IN_PROGRESS" : call.path("outcome").asText(), 1L, Long::sum);
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        Map<String, Long> byState = new TreeMap<>();
        status.path("prospects").fields().forEachRemaining(e -> byState.put(e.getKey(), e.getValue().asLong()));
        return new Summary(workspace, campaign, upload.path("accepted").asLong(), upload.path("rejected").asLong(),
                upload.path("unknownZone").asLong(), dnc.size(), placed, outcomes,
                status.path("abandonLast30Days").path("answered").asLong(), status.path("abandonLast30Days").path("abandoned").asLong(),
                byState, Progress.skips(status), Duration.between(started, Instant.now()), finished);
    }

    /** Progress until nothing is in flight or waiting for a while, Ctrl-C, or the timeout; the last status. */
    private JsonNode watch(String campaign, long total, Instant started) {
        Progress progress = new Progress(out, options.live());
        JsonNode status = api.get(campaign + "/status");
        int quiet = 0;
        while (!stopping.get() && quiet < QUIET_POLLS && Duration.between(started, Instant.now()).compareTo(options.timeout()) < 0) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                break; // Ctrl-C
            }
            status = api.get(campaign + "/status");
            progress.show(status, total, Duration.between(started, Instant.now()));
            long busy = status.path("calls").path("ringing").asLong() + status.path("calls").path("connected").asLong()
                    + status.path("hopper").path("depth").asLong();
            for (String state : List.of("QUEUED", "DIALING", "ANSWERED", "RETRY_WAIT", "CALLBACK")) {
                busy += Progress.count(status, state);
            }
            quiet = busy == 0 && status.path("pacing").path("lastTickAt").isTextual() ? quiet + 1 : 0;
        }
        return status;
    }

    private Map<String, Object> campaign(UUID agent, String suffix) {
        Map<String, Object> window = new TreeMap<>();
        for (int day = 1; day <= 7; day++) {
            window.put(String.valueOf(day), Map.of("start", "09:00", "end", "20:00"));
        }
        Map<String, Object> retry = Map.of("delaySeconds", 20, "maxAttempts", 2);
        Map<String, Object> campaign = new HashMap<>();
        campaign.put("name", "Demo renewals");
        campaign.put("slug", "demo-" + suffix);
        campaign.put("agentId", agent);
        campaign.put("telephony", "SIMULATOR");
        campaign.put("dialerInterval", 2);
        campaign.put("pacingMode", "MANUAL");
        campaign.put("callRatio", 3.0);
        campaign.put("maxConcurrency", 50);
        campaign.put("maxAttempts", 2);
        campaign.put("callingWindow", window);
        campaign.put("abandonLockoutSeconds", 30);
        campaign.put("retryRules", Map.of("NO_ANSWER", retry, "BUSY", retry, "VOICEMAIL", retry, "FAILED", retry, "ABANDONED", retry));
        return campaign;
    }

    public void print(Summary s) {
        say("");
        say("%s in %d:%02d", s.finished() ? "Campaign finished" : "Campaign stopped", s.elapsed().toMinutes(), s.elapsed().toSecondsPart());
        say("  prospects: %d accepted, %d rejected at upload, %d without a known time zone, %d on the DNC list",
                s.accepted(), s.rejected(), s.unknownZone(), s.doNotCallListed());
        say("  calls placed: %d", s.callsPlaced());
        List<String> outcomes = new ArrayList<>();
        s.outcomes().forEach((outcome, count) -> outcomes.add(outcome + " " + count));
        say("  outcomes: %s", String.join(", ", outcomes));
        say("  abandon rate: %.2f%% (%d of %d answered)", s.abandonRate() * 100, s.abandoned(), s.answered());
        say("  skipped: do-not-call %d, outside calling hours %d, unknown time zone %d",
                skip(s, "do_not_call"), skip(s, "outside_window"), s.skips().getOrDefault("atHopper.unknown_zone", 0L));
        say("  prospects by state: %s", s.prospects());
        say("  API: %s   Swagger UI: %s/q/swagger-ui   campaign: %s/v1/workspaces/%s/campaigns/%s", api.base(), api.base(),
                api.base(), s.workspace(), s.campaign());
    }

    /** Numbers passed over for a reason: the hopper's last census, and those the dialer gave back at dial time. */
    static long skip(Summary s, String reason) {
        return s.skips().getOrDefault("atHopper." + reason, 0L) + s.skips().getOrDefault("atDial." + reason, 0L);
    }

    private void say(String format, Object... args) {
        out.println(args.length == 0 ? format : format.formatted(args));
    }

    private static UUID id(JsonNode created) {
        return UUID.fromString(created.path("id").asText());
    }

    private static String required(Map<String, String> given, String option) {
        String value = given.get(option);
        if (value == null) {
            throw new IllegalArgumentException("missing " + option);
        }
        return value;
    }
}
