/**
 * The server side of the rdpdr channel, as a Windows host drives it: for tests, the demo, benchmarks and people
 * who debug a gateway without a Windows machine. Not used on the gateway's data path.
 */
package dev.scbridge.rdp.host;
