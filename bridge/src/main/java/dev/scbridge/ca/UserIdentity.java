package dev.scbridge.ca;

import dev.scbridge.ca.InvalidIdentityException.Field;
import dev.scbridge.ca.InvalidIdentityException.Problem;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a session's certificate is for: the Windows logon name, the Active Directory DNS domain and, for strong
 * certificate mapping (KB5014754), the account's SID. The UPN in the certificate is {@code user@domain}
 * (RFD 35: the target Windows user and the AD domain, never the gateway's own user name or e-mail domain).
 *
 * <p>Every constructor path validates every field ({@link IdentityRules}, {@link WindowsSid}), so an instance is
 * proof that its values may go into a certificate. Failures are {@link InvalidIdentityException}s naming the field.
 *
 * @param user   the logon name, e.g. {@code alice}; also the subject CN
 * @param domain the AD DNS domain, e.g. {@code corp.example.com}
 * @param sid    the account's objectSid, if known
 */
public record UserIdentity(String user, String domain, Optional<WindowsSid> sid) {
    public UserIdentity {
        IdentityRules.checkUser(user);
        IdentityRules.checkDomain(domain);
        IdentityRules.checkUpn(user + "@" + domain);
        Objects.requireNonNull(sid, "sid (use Optional.empty())");
    }

    /** An identity without a SID (weak mapping by UPN only). */
    public static UserIdentity of(String user, String domain) {
        return new UserIdentity(user, domain, Optional.empty());
    }

    /** An identity with a SID in string form; a null {@code sid} means none. */
    public static UserIdentity of(String user, String domain, String sid) {
        return new UserIdentity(user, domain, sid == null ? Optional.empty() : Optional.of(WindowsSid.parse(sid)));
    }

    /** Splits {@code user@domain} at its last {@code @} and checks both parts. */
    public static UserIdentity parseUpn(String upn) {
        if (upn == null) {
            throw new InvalidIdentityException(Field.UPN, Problem.MISSING, "missing");
        }
        int at = upn.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidIdentityException(Field.UPN, Problem.SYNTAX, "no '@' (expected user@domain)");
        }
        return of(upn.substring(0, at), upn.substring(at + 1));
    }

    /** The same person with a SID. */
    public UserIdentity withSid(WindowsSid newSid) {
        return new UserIdentity(user, domain, Optional.of(newSid));
    }

    /** The user principal name that goes into the certificate's SAN. */
    public String upn() {
        return user + "@" + domain;
    }

    @Override
    public String toString() {
        return "UserIdentity[" + upn() + sid.map(s -> ", " + s).orElse("") + "]";
    }
}
