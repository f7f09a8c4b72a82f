package dev.chatgate.server.example;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Who is in which group, as the membership callbacks told us; in memory, for the example only. */
@Singleton
@Requires(property = "chatgate.example.enabled", value = "true")
public final class GroupRoster {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    void joined(String groupId, Collection<String> accounts) {
        members.computeIfAbsent(groupId, g -> ConcurrentHashMap.newKeySet()).addAll(accounts);
    }

    void left(String groupId, Collection<String> accounts) {
        members.computeIfPresent(groupId, (g, set) -> {
            set.removeAll(accounts);
            return set;
        });
    }

    public List<String> membersOf(String groupId) {
        return List.copyOf(new TreeSet<>(members.getOrDefault(groupId, Set.of())));
    }
}
