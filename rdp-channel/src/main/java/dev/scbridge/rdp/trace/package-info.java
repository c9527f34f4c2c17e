/**
 * Reading the shared protocol vectors ({@code shared/vectors}, outside the repository): the block-format parser,
 * the {@code fields:} fact parser and the directory locator. Used by tests and the CLI; holds no vector data.
 */
package dev.scbridge.rdp.trace;
