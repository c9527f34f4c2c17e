package dev.scbridge.cli;

import dev.scbridge.bridge.ClientInfoFlags;
import dev.scbridge.bridge.LogonFailedException;
import dev.scbridge.bridge.LogonResult;
import dev.scbridge.bridge.RdpLogon;
import dev.scbridge.bridge.SessionCard;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.bridge.WindowsLogonExchange;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.IssuancePolicy;
import dev.scbridge.ca.UserIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scbridge demo}: the main job in miniature, with no setup. A throwaway CA issues a Windows smart-card logon
 * certificate for a sample user; a session PIV card gets the key, the certificate and a random PIN; the APDUs of a
 * real Windows logon are played against it over the RDP smart-card channel ({@link RdpLogon}: rdpdr, MS-RDPESC
 * IOCTLs, {@link WindowsLogonExchange}'s APDUs inside Transmit) and their results checked.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Issue a Windows smart-card logon certificate from a throwaway CA, load it into a session "
                + "PIV card and play a Windows logon against it over the RDP smart-card channel.",
            "Exit 0 when the logon would succeed, 1 when it would fail."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "alice",
            description = "Windows logon name (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--domain", paramLabel = "DNS", defaultValue = "example.test",
            description = "Active Directory DNS domain, the UPN suffix (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--sid", paramLabel = "SID",
            description = "The account's SID (S-1-5-21-...) for the strong-mapping extension (default: none).")
    String sid;

    @Option(names = "--key", paramLabel = "TYPE", defaultValue = "rsa2048", converter = SessionKeyConverter.class,
            description = "Card key: rsa2048, rsa3072, p256 or p384 (default: ${DEFAULT-VALUE}).")
    SessionKeyType key;

    @Option(names = "--ca-key", paramLabel = "TYPE", defaultValue = "rsa2048", converter = CaKeyConverter.class,
            description = "CA key: rsa2048, rsa3072, p256 or p384 (default: ${DEFAULT-VALUE}).")
    CaKeyType caKey;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Certificate lifetime, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Option(names = "--crl-url", paramLabel = "URL",
            description = "CRL distribution point to put in the certificate (http://, https:// or ldap://).")
    String crlUrl;

    @Option(names = "--decode",
            description = "Also print every IOCTL's call and return field by field, as 'scbridge rdp decode' does.")
    boolean decode;

    @Option(names = "--mismatched-key",
            description = "Load a key that is not the certificate's, to see how a failing logon looks.")
    boolean mismatchedKey;

    @Override
    public Integer call() throws CliFailure {
        UserIdentity identity = identity();
        IssuancePolicy policy = policy();
        PrintWriter out = spec.commandLine().getOut();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();

        out.println("scbridge demo: a Windows smart-card logon in miniature (throwaway CA, session card, no Windows)");
        CertificateAuthority ca;
        X509Certificate cert;
        KeyPair cardKey;
        try {
            ca = CertificateAuthority.builder().keyType(caKey).policy(policy).clock(clock).random(random).build();
            KeyPair sessionKey = key.generate(random);
            cert = ca.issue(identity, sessionKey.getPublic());
            cardKey = mismatchedKey ? key.generate(random) : sessionKey;
        } catch (CaException e) {
            throw new CliFailure("cannot issue the certificate: " + e.getMessage(), e);
        }
        printSetup(out, ca, cert, identity, policy);

        try (SessionCard session = SessionCard.load(cert, cardKey, SessionPin.random(random), random)) {
            out.printf(Locale.ROOT, "%-12s PIV, %s key in slot 9A%s, certificate in object 5FC105 (%d bytes)%n",
                    "card", key.title(), mismatchedKey ? " (NOT the certificate's key: --mismatched-key)" : "",
                    encodedLength(cert));
            out.printf("%-12s ******** (%d digits, random)%n%n", "PIN", session.pin().length());
            TranscriptPrinter transcript = new TranscriptPrinter(out, decode);
            out.println("Windows' side of the RDP smart-card channel (rdpdr, MS-RDPESC IOCTLs), each APDU inside a "
                    + "Transmit:");
            transcript.header();
            RdpLogon.Result r = new RdpLogon(ca.certificate(), clock, random)
                    .play(session, transcript::ioctl, transcript);
            LogonResult logon = r.logon();
            int flags = ClientInfoFlags.SMART_CARD_LOGON;
            out.printf(Locale.ROOT, "%nWhat a gateway sends Windows for this session (docs/gateway-integration.md):%n");
            out.printf(Locale.ROOT, "  %-18s TLS, no CredSSP/NLA%n", "security");
            out.printf(Locale.ROOT, "  %-18s rdpdr (this card) and rdpsnd (Windows ignores rdpdr without it)%n",
                    "static channels");
            out.printf(Locale.ROOT, "  %-18s flags 0x%08X %s, UserName \"%s\", Password = the session PIN%n",
                    "Client Info PDU", flags, ClientInfoFlags.describe(flags), identity.user());
            out.printf(Locale.ROOT, "%nOK: Windows would log %s on: signature %s verified, certificate chains to %s%n",
                    logon.upn(), logon.signatureAlgorithm(), ca.certificate().getSubjectX500Principal().getName());
            out.printf(Locale.ROOT, "    %d IOCTLs (%d PDUs in, %d out) carrying %d APDUs: %.1f ms in all, of which "
                            + "%.1f ms the card's private-key operation%n", r.ioctls(), r.pdusFromServer(),
                    r.pdusFromClient(), logon.apdus(), r.totalNanos() / 1e6, r.privateKeyNanos() / 1e6);
            out.flush();
            return Main.OK;
        } catch (LogonFailedException e) {
            out.println();
            out.flush();
            throw new CliFailure("logon failed: " + e.getMessage(), e);
        }
    }

    private UserIdentity identity() {
        try {
            return UserIdentity.of(user, domain, sid);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private IssuancePolicy policy() {
        IssuancePolicy p;
        try {
            p = IssuancePolicy.defaults().withValidity(validity);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--validity': "
                    + human(validity) + " (expected 1s.." + human(IssuancePolicy.MAX_VALIDITY) + ")", e);
        }
        try {
            return crlUrl == null ? p : p.withCrlDistributionPoint(crlUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--crl-url': "
                    + e.getMessage(), e);
        }
    }

    private static void printSetup(PrintWriter out, CertificateAuthority ca, X509Certificate cert,
                                   UserIdentity identity, IssuancePolicy policy) {
        out.printf("%-12s %s, %s (in memory, discarded on exit)%n", "CA",
                ca.certificate().getSubjectX500Principal().getName(), ca.keyType().title());
        out.printf("%-12s %s, UPN %s%s%n", "certificate", cert.getSubjectX500Principal().getName(), identity.upn(),
                identity.sid().map(s -> ", SID " + s).orElse(""));
        out.printf("%-12s serial %s, %s .. %s (%s, back-dated %s), %s%s%n", "", cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), human(policy.validity()),
                human(policy.backdate()), cert.getSigAlgName(),
                policy.crlDistributionPoint().map(u -> ", CRL " + u).orElse(""));
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static int encodedLength(X509Certificate cert) {
        try {
            return cert.getEncoded().length;
        } catch (CertificateEncodingException e) {
            return -1;
        }
    }

    static final class SessionKeyConverter implements ITypeConverter<SessionKeyType> {
        @Override
        public SessionKeyType convert(String value) {
            try {
                return SessionKeyType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class CaKeyConverter implements ITypeConverter<CaKeyType> {
        @Override
        public CaKeyType convert(String value) {
            try {
                return CaKeyType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
