/**
 * The {@code scbridge} command line (picocli). Contract: a bad command line prints exactly one line on stderr and
 * exits 2; a card or runtime failure prints one line on stderr and exits 1; nothing ever prints a stack trace, a
 * PIN or key material.
 */
package dev.scbridge.cli;
