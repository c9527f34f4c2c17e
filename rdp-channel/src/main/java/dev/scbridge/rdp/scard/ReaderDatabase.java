package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session's reader and group database (SCardIntroduceReaderGroup, SCardForgetReaderGroup, SCardIntroduceReader,
 * SCardForgetReader, SCardAddReaderToGroup, SCardRemoveReaderFromGroup; MS-RDPESC 3.1.4.10-3.1.4.21). Windows keeps
 * this in the registry; here it is a small bounded in-memory table per session that the List* calls reflect.
 * Our choices, WinSCard-like:
 * <ul>
 *   <li>{@code SCard$AllReaders} and {@code SCard$DefaultReaders} are built in: every exposed reader and every
 *       introduced name is in both. Introducing or adding to them is a no-op; forgetting them is
 *       {@code SCARD_E_INVALID_VALUE}.</li>
 *   <li>A group exists from its introduction (or the first add to it) until it is forgotten, and is listed even when
 *       empty. Forgetting a group keeps its readers; forgetting or removing what is not there succeeds.</li>
 *   <li>IntroduceReader(name, device): the device must be an exposed backend reader, else
 *       {@code SCARD_E_UNKNOWN_READER}; a name already in use (a reader or an introduced name) is
 *       {@code SCARD_E_DUPLICATE_READER}. The name is an alias: Connect, GetStatusChange and the rest resolve it to
 *       the device.</li>
 *   <li>ForgetReader: an introduced name disappears with its memberships; an exposed backend reader only leaves the
 *       introduced groups (its device is still there, so it stays in the built-in groups); an unknown name is
 *       {@code SCARD_E_UNKNOWN_READER}.</li>
 *   <li>Names are 1..{@code nameLength} characters, else {@code SCARD_E_INVALID_VALUE}; more groups or names than
 *       {@link ScardLimits} allow is {@code SCARD_E_NO_MEMORY}.</li>
 * </ul>
 */
final class ReaderDatabase {
    private final ScardLimits limits;
    /** group -> member reader names (aliases or backend names). */
    private final Map<String, Set<String>> groups = new LinkedHashMap<>();
    /** introduced name -> device (backend reader name). */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    ReaderDatabase(ScardLimits limits) {
        this.limits = limits;
    }

    static boolean isBuiltInGroup(String group) {
        return group.equals(Scard.ALL_READERS_GROUP) || group.equals(Scard.DEFAULT_READERS_GROUP);
    }

    private void checkName(String name) throws ScardException {
        if (name == null || name.isEmpty() || name.length() > limits.nameLength()) {
            throw new ScardException(ScardError.E_INVALID_VALUE,
                    "name of " + (name == null ? 0 : name.length()) + " characters (1-" + limits.nameLength() + ")");
        }
    }

    synchronized void introduceGroup(String group) throws ScardException {
        checkName(group);
        if (!isBuiltInGroup(group)) {
            createGroup(group);
        }
    }

    private Set<String> createGroup(String group) throws ScardException {
        Set<String> members = groups.get(group);
        if (members == null) {
            if (groups.size() >= limits.readerGroups()) {
                throw new ScardException(ScardError.E_NO_MEMORY, "more than " + limits.readerGroups() + " groups");
            }
            members = new LinkedHashSet<>();
            groups.put(group, members);
        }
        return members;
    }

    synchronized void forgetGroup(String group) throws ScardException {
        checkName(group);
        if (isBuiltInGroup(group)) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "built-in group " + group);
        }
        groups.remove(group);
    }

    /** @param exposed the exposed backend readers now */
    synchronized void introduceReader(String name, String device, List<String> exposed) throws ScardException {
        checkName(name);
        checkName(device);
        if (!exposed.contains(device)) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, "no device " + device);
        }
        if (exposed.contains(name) || aliases.containsKey(name) || name.equals(Scard.PNP_NOTIFICATION)) {
            throw new ScardException(ScardError.E_DUPLICATE_READER, name);
        }
        if (aliases.size() >= limits.introducedReaders()) {
            throw new ScardException(ScardError.E_NO_MEMORY, "more than " + limits.introducedReaders() + " readers");
        }
        aliases.put(name, device);
    }

    synchronized void forgetReader(String name, List<String> exposed) throws ScardException {
        checkName(name);
        if (aliases.remove(name) == null && !exposed.contains(name)) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, name);
        }
        groups.values().forEach(m -> m.remove(name));
    }

    synchronized void addToGroup(String reader, String group, List<String> exposed) throws ScardException {
        checkName(reader);
        checkName(group);
        if (!aliases.containsKey(reader) && !exposed.contains(reader)) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, reader);
        }
        if (!isBuiltInGroup(group)) {
            createGroup(group).add(reader);
        }
    }

    synchronized void removeFromGroup(String reader, String group, List<String> exposed) throws ScardException {
        checkName(reader);
        checkName(group);
        if (!aliases.containsKey(reader) && !exposed.contains(reader)) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, reader);
        }
        Set<String> members = groups.get(group);
        if (members != null) {
            members.remove(reader);
        }
    }

    /** Introduced groups, in introduction order. */
    synchronized List<String> groups() {
        return List.copyOf(groups.keySet());
    }

    /** The device an introduced name stands for, or the name itself. */
    synchronized String resolve(String name) {
        return aliases.getOrDefault(name, name);
    }

    /**
     * Readers in the groups (empty or a built-in group = all): exposed readers first, then introduced names whose
     * device is exposed.
     */
    synchronized List<String> readers(List<String> wanted, List<String> exposed) {
        boolean all = wanted.isEmpty() || wanted.stream().anyMatch(ReaderDatabase::isBuiltInGroup);
        List<String> candidates = new ArrayList<>(exposed);
        aliases.forEach((alias, device) -> {
            if (exposed.contains(device)) {
                candidates.add(alias);
            }
        });
        if (all) {
            return List.copyOf(candidates);
        }
        Set<String> members = new LinkedHashSet<>();
        for (String g : wanted) {
            members.addAll(groups.getOrDefault(g, Set.of()));
        }
        return candidates.stream().filter(members::contains).toList();
    }

    synchronized void clear() {
        groups.clear();
        aliases.clear();
    }
}
