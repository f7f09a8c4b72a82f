package dev.chatgate.reference;

/** A request or answer example of the spec, pretty-printed. */
record Example(String name, String path, String json) {
}
