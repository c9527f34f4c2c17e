package dev.scbridge.rdp.trace.replay;

/** How one replayed step compares with the recording. */
public enum Verdict {
    /** Our answer is byte for byte the recorded one. */
    IDENTICAL,
    /** Differs only where it must: context/handle ids, signature or decipher bytes from another key, ... */
    EXPECTED_DIFFERENCE,
    /** Differs anywhere else, or has another shape: a finding. */
    UNEXPECTED_DIFFERENCE,
    /** The recorded client never answered (an INFINITE GetStatusChange) and neither did we. */
    PENDING_AS_RECORDED,
    /** The recording has an answer and we gave none. */
    MISSING_ANSWER,
    /** Nothing to replay: an elided log range or a PDU on another channel. */
    SKIPPED
}
