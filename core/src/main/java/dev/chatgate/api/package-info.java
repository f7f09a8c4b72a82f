/**
 * What an application written against chatgate implements and receives; nothing else in chatgate is needed to
 * write a handler.
 *
 * <ul>
 *   <li>{@link dev.chatgate.api.BeforeCallbackHandler}: decides one before-callback (at most one per command) and
 *       returns a {@link dev.chatgate.api.Decision}: allow, deny, discard, deny with a code the client sees, allow
 *       with changed fields, or fail.</li>
 *   <li>{@link dev.chatgate.api.AfterCallbackListener}: receives one after-callback after Tencent was answered, at
 *       least once (the inbox retries a listener that throws); any number per command.</li>
 *   <li>{@link dev.chatgate.api.UnhandledCallbackListener}: told about every callback nothing else handles, and
 *       why.</li>
 *   <li>{@link dev.chatgate.api.Callback}: one received callback, the body bound to the command's generated model
 *       (package {@code dev.chatgate.model}), with the raw body, the query and the event's id.</li>
 * </ul>
 *
 * <p>Handlers and listeners are Micronaut beans ({@code @Singleton}) typed with the command's generated model, e.g.
 * {@code AfterCallbackListener<GroupCallbackAfterNewMemberJoin>}: the command is found from the model when the
 * service starts.
 */
package dev.chatgate.api;
