package io.vaani.agent.call;

/** What the agent does in a call, once it has joined and hears the caller. Returns when the call is over for the agent. */
@FunctionalInterface
public interface Conversation {
    void run(Call call) throws Exception;
}
