/**
 * The gRPC sidecar (issue 6, section 3; design.md, "Bridge"): {@link dev.scbridge.sidecar.SidecarServer} offers a
 * {@link dev.scbridge.bridge.Bridge} to gateways in other languages as {@code scbridge.v1.SmartCardBridge}
 * ({@code src/main/proto/scbridge/v1/smartcard_bridge.proto}, public API; generated classes in
 * {@code dev.scbridge.sidecar.v1}), on a Unix socket or TCP with mutual TLS; {@link dev.scbridge.sidecar.ServeCommand}
 * is {@code scbridge serve}. Depends on the bridge; nothing below depends on it.
 */
package dev.scbridge.sidecar;
