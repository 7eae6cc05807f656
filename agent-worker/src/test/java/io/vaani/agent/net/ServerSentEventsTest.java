package io.vaani.agent.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.agent.net.ServerSentEvents.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<Event> read(String body) throws IOException {
        List<Event> events = new ArrayList<>();
        ServerSentEvents.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), event -> events.add(event));
        return events;
    }

    @Test
    void dispatchesAnEventAtEachBlankLine() throws IOException {
        assertThat(read("data: {\"a\":1}\n\ndata: [DONE]\n\n"))
                .containsExactly(new Event("message", "{\"a\":1}"), new Event("message", "[DONE]"));
    }

    @Test
    void joinsMultiLineDataAndReadsNamedEvents() throws IOException {
        assertThat(read("event: error\ndata: first\ndata:second\n\n"))
                .containsExactly(new Event("error", "first\nsecond"));
    }

    @Test
    void skipsCommentsAndUnknownFieldsAndTakesCrLf() throws IOException {
        assertThat(read(": keep-alive\r\n\r\nid: 7\r\nretry: 100\r\ndata: ok\r\n\r\n"))
                .containsExactly(new Event("message", "ok"));
    }

    @Test
    void dropsAnEventTheBodyEndedInTheMiddleOf() throws IOException {
        assertThat(read("data: whole\n\ndata: half")).containsExactly(new Event("message", "whole"));
    }

    @Test
    void stopsWhenTheHandlerSaysSo() throws IOException {
        List<String> seen = new ArrayList<>();
        boolean stopped = ServerSentEvents.read(new ByteArrayInputStream("data: 1\n\ndata: 2\n\ndata: 3\n\n".getBytes(StandardCharsets.UTF_8)),
                event -> seen.add(event.data()) && !event.data().equals("2"));

        assertThat(stopped).isTrue();
        assertThat(seen).containsExactly("1", "2");
    }
}
