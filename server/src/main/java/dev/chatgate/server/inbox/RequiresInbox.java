package dev.chatgate.server.inbox;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A bean of the durable inbox: there unless {@code chatgate.inbox.enabled} is false. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "chatgate.inbox.enabled", notEquals = "false")
public @interface RequiresInbox {
}
