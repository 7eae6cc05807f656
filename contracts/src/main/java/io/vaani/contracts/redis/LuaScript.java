package io.vaani.contracts.redis;

import java.util.ArrayList;
import java.util.List;

/** The arguments of an {@code EVAL} of a Lua script: the script, its key count, its keys, its arguments. */
public final class LuaScript {
    private LuaScript() {
    }

    public static String[] evalArgs(String script, List<String> keys, String... args) {
        List<String> command = new ArrayList<>(keys.size() + args.length + 2);
        command.add(script);
        command.add(String.valueOf(keys.size()));
        command.addAll(keys);
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }
}
