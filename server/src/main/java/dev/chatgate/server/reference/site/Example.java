package dev.chatgate.server.reference.site;

/** A request or answer example of the spec, pretty-printed. */
record Example(String name, String path, String json) {
}
