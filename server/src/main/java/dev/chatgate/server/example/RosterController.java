package dev.chatgate.server.example;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/** Shows what the example learned: {@code GET /example/groups/{groupId}/members}. */
@Controller("/example/groups")
@Requires(property = "chatgate.example.enabled", value = "true")
public final class RosterController {

    private final GroupRoster roster;

    public RosterController(GroupRoster roster) {
        this.roster = roster;
    }

    @Get("/{groupId}/members")
    public List<String> members(String groupId) {
        return roster.membersOf(groupId);
    }
}
