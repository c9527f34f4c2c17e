package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.Scard;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ScardService} presents its readers to Windows.
 *
 * @param vendorName          ATTR_VENDOR_NAME when the backend does not answer it (no trailing NUL, as WinSCard)
 * @param ifdType             ATTR_VENDOR_IFD_TYPE fallback (no trailing NUL)
 * @param ifdVersion          ATTR_VENDOR_IFD_VERSION fallback, 0xMMmmbbbb
 * @param ifdSerial           ATTR_VENDOR_IFD_SERIAL_NO fallback (no trailing NUL)
 * @param supportedProtocols  ATTR_PROTOCOL_TYPES fallback; the virtual PIV card's ATR announces T=1 only
 * @param deviceTypeId        GetDeviceTypeId's answer: {@link Scard#READER_TYPE_VENDOR} was accepted by Windows for an
 *                            emulated reader (facts/rdp.md sec. 4)
 * @param readerIcon          GetReaderIcon's answer; empty gives {@code SCARD_E_UNSUPPORTED_FEATURE}, after which
 *                            the recorded Windows logon carried on
 * @param reportEventCounts   put the insert/remove count in the high word of reader event states, as Windows' own
 *                            readers do. Off by default: the recorded logon (trace 023) saw exactly {@code 0x22}
 *                            with no count and worked
 * @param reportUsage         report {@link Scard#STATE_INUSE} / {@link Scard#STATE_EXCLUSIVE} and wake parked calls
 *                            when they change. Off by default: in the recorded logon the INFINITE call of trace 024
 *                            stayed pending through the logon's Connect calls
 */
public record ScardOptions(String vendorName, String ifdType, int ifdVersion, String ifdSerial,
                           int supportedProtocols, int deviceTypeId, Optional<byte[]> readerIcon,
                           boolean reportEventCounts, boolean reportUsage) {
    public static final String DEFAULT_VENDOR = "scbridge";
    public static final String DEFAULT_IFD_TYPE = "Virtual PIV Reader";
    /** Version 1.0, build 0. */
    public static final int DEFAULT_IFD_VERSION = 0x01000000;
    public static final String DEFAULT_IFD_SERIAL = "0";

    public static final ScardOptions DEFAULTS = new ScardOptions(DEFAULT_VENDOR, DEFAULT_IFD_TYPE, DEFAULT_IFD_VERSION,
            DEFAULT_IFD_SERIAL, Scard.PROTOCOL_T1, Scard.READER_TYPE_VENDOR, Optional.empty(), false, false);

    public ScardOptions {
        Objects.requireNonNull(vendorName, "vendorName");
        Objects.requireNonNull(ifdType, "ifdType");
        Objects.requireNonNull(ifdSerial, "ifdSerial");
        readerIcon = Objects.requireNonNull(readerIcon, "readerIcon").map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> readerIcon() {
        return readerIcon.map(byte[]::clone);
    }

    public ScardOptions withVendorName(String name) {
        return new ScardOptions(name, ifdType, ifdVersion, ifdSerial, supportedProtocols, deviceTypeId, readerIcon,
                reportEventCounts, reportUsage);
    }

    public ScardOptions withDeviceTypeId(int id) {
        return new ScardOptions(vendorName, ifdType, ifdVersion, ifdSerial, supportedProtocols, id, readerIcon,
                reportEventCounts, reportUsage);
    }

    public ScardOptions withReaderIcon(byte[] icon) {
        return new ScardOptions(vendorName, ifdType, ifdVersion, ifdSerial, supportedProtocols, deviceTypeId,
                Optional.of(icon), reportEventCounts, reportUsage);
    }

    public ScardOptions withEventCounts(boolean report) {
        return new ScardOptions(vendorName, ifdType, ifdVersion, ifdSerial, supportedProtocols, deviceTypeId,
                readerIcon, report, reportUsage);
    }

    public ScardOptions withUsage(boolean report) {
        return new ScardOptions(vendorName, ifdType, ifdVersion, ifdSerial, supportedProtocols, deviceTypeId,
                readerIcon, reportEventCounts, report);
    }
}
