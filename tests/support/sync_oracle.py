"""A model of what synchronisation must do, to check the real one against.

Every edit is a numbered write; each store knows, for each slot (a field of a record, whether
the record lives, what happened under it), its value and the set of writes behind that value
(its history). When two stores meet (a synchronisation, or a package applied):

- equal values merge their histories;
- a value whose history contains the other's is newer and wins: no conflict;
- otherwise the two are concurrent: a true conflict, decided by the user's preference (or
  left as it is on each side when nobody decides);
- a record deleted on one side and live on the other: the deletion wins when nothing was
  written in it (or under it) that the deleting side did not have; it lives on when the
  living side knew of the deletion; else it is a conflict of the record, and the records
  under it follow its fate;
- a decision for the origin's value leaves the origin as it was (the value given up leaves
  no trace); a record kept against the origin's deletion comes back with the values the
  copy had, after what the origin held before (but not after a value a copy changed since).

The model predicts, after each step, every store's values and the conflicts the step must
surface: exactly these, no more, no fewer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

TOMB = "\x00deleted"
LIVE = "live"
ALIVE = "*alive"

FIELDS = {"action": ("title", "description"), "budget_line": ("label",), "obs": ("value",)}
Record = tuple[str, str]  # ("action", uuid), ("budget_line", uuid), ("obs", "2016")
Slot = tuple[str, str, str]


@dataclass(frozen=True)
class Version:
    value: str
    history: frozenset[int]
    # Writes this value did not see but came after on the origin (values the origin held,
    # then deleted with the record, before the record came back with this value): a store
    # that holds one of them is behind this value, not beside it.
    superseded: frozenset[int] = frozenset()

    def knows(self, other: Version) -> bool:
        """Whether this value came after ``other`` (or is it)."""
        return other.history <= self.history | self.superseded

    def merged(self, other: Version, value: str) -> Version:
        return Version(value, self.history | other.history, self.superseded | other.superseded)


@dataclass
class Knowledge:
    slots: dict[Slot, Version] = field(default_factory=dict)

    def copy(self) -> Knowledge:
        return Knowledge(dict(self.slots))

    def slot(self, record: Record, name: str) -> Version | None:
        return self.slots.get((record[0], record[1], name))

    def alive(self, record: Record) -> str | None:
        found = self.slot(record, ALIVE)
        return None if found is None else found.value

    def history(self, record: Record) -> frozenset[int]:
        out: frozenset[int] = frozenset()
        for name in (*FIELDS[record[0]], ALIVE):
            found = self.slot(record, name)
            if found is not None:
                out |= found.history
        return out

    def records(self) -> set[Record]:
        return {(kind, ident) for kind, ident, _name in self.slots}


@dataclass
class Outcome:
    """What a meeting predicts: conflicts (record, field; "" for the record), new knowledge
    of each side."""

    conflicts: set[tuple[Record, str]]
    left: Knowledge
    right: Knowledge


class Model:
    def __init__(self, parents: dict[str, str]) -> None:
        self.counter = 0
        self._renewed = 0
        self._deleted = 0
        self._hub = Knowledge()
        self.deletions: set[int] = set()
        self.parents = parents  # budget line uuid -> action uuid

    def write_id(self) -> int:
        self.counter += 1
        return self.counter

    # -- local edits -----------------------------------------------------------------------

    def _put(self, k: Knowledge, record: Record, name: str, value: str, w: int) -> None:
        old = k.slot(record, name)
        history = frozenset({w}) | (old.history if old else frozenset())
        k.slots[(record[0], record[1], name)] = Version(value, history)

    def create(self, k: Knowledge, record: Record, values: dict[str, str]) -> None:
        w = self.write_id()
        for name, value in values.items():
            self._put(k, record, name, value, w)
        self._put(k, record, ALIVE, LIVE, w)

    def edit(self, k: Knowledge, record: Record, name: str, value: str) -> None:
        w = self.write_id()
        self._put(k, record, name, value, w)

    def forget(self, k: Knowledge, record: Record) -> None:
        """A record made here and deleted before anyone saw it leaves no trace."""
        for name in (*FIELDS[record[0]], ALIVE):
            k.slots.pop((record[0], record[1], name), None)

    def delete(self, k: Knowledge, record: Record) -> None:
        # Deleting a record under another is no news for a side that deletes the parent.
        w = self.write_id()
        self.deletions.add(w)
        self._kill(k, record, w)
        if record[0] == "action":
            for line, parent in self.parents.items():
                if parent == record[1] and k.alive(("budget_line", line)) == LIVE:
                    self._kill(k, ("budget_line", line), w)

    def _kill(self, k: Knowledge, record: Record, w: int) -> None:
        for name in (*FIELDS[record[0]], ALIVE):
            self._put(k, record, name, TOMB, w)

    def history(
        self, k: Knowledge, record: Record, *, live_only: bool, content: bool = False
    ) -> frozenset[int]:
        """A record's writes and those of the records under it: on a side that keeps it,
        what a deletion would destroy (deleting a record under it is no news for a side that
        deletes the whole); on a side that deleted it, everything it deleted. ``content``:
        what was written in it and under it, not the writes of its deletion and return."""
        out = k.history(record)
        if content:
            out = frozenset().union(
                *(
                    found.history
                    for name in FIELDS[record[0]]
                    if (found := k.slot(record, name)) is not None
                )
            )
        if record[0] == "action":
            for line, parent in self.parents.items():
                alive = k.alive(("budget_line", line))
                if parent == record[1] and (alive == LIVE or (alive and not live_only)):
                    out |= k.history(("budget_line", line))
        return out

    # -- meetings --------------------------------------------------------------------------

    def meet(
        self,
        left: Knowledge,
        right: Knowledge,
        records: Iterable[Record],
        prefer_left: bool | None,
        *,
        hub_is_left: bool = False,
    ) -> Outcome:
        """``left`` and ``right`` merge the given records; conflicts go to ``left`` when
        ``prefer_left``, to ``right`` when False, stay open when None."""
        out = Outcome(set(), left.copy(), right.copy())
        self._hub = left if hub_is_left else right
        wanted = set(records)
        for line, parent in self.parents.items():
            if ("budget_line", line) in wanted:
                wanted.add(("action", parent))
        for line, parent in self.parents.items():
            if ("action", parent) in wanted:
                wanted.add(("budget_line", line))
        # action uuid -> "delete", "keep-left/right", "hub" (as the origin has it), "held"
        fates: dict[str, str] = {}
        order = sorted(wanted, key=lambda r: (r[0] != "action", r))
        for record in order:
            parent_fate = fates.get(self.parents[record[1]]) if record[0] == "budget_line" else None
            if parent_fate is not None:
                self._follow(out, left, right, record, parent_fate)
                continue
            fate = self._record(out, left, right, record, prefer_left)
            if fate is not None and record[0] == "action":
                fates[record[1]] = fate
        return out

    def _set_both(
        self, out: Outcome, record: Record, source: Knowledge, left: Knowledge, right: Knowledge
    ) -> None:
        for name in (*FIELDS[record[0]], ALIVE):
            a, b = left.slot(record, name), right.slot(record, name)
            chosen = source.slot(record, name)
            if chosen is None:
                continue
            history = (a.history if a else frozenset()) | (b.history if b else frozenset())
            superseded = (a.superseded if a else frozenset()) | (b.superseded if b else frozenset())
            if name != ALIVE and chosen.value != TOMB:
                history -= self.deletions  # a living value owes nothing to a deletion
            version = Version(chosen.value, history, superseded)
            out.left.slots[(record[0], record[1], name)] = version
            out.right.slots[(record[0], record[1], name)] = version

    def _keep(self, out: Outcome, record: Record, live: Knowledge, dead: Knowledge, w: int) -> None:
        """Kept against a deletion: the record has the live side's values and histories
        (nobody wrote them anew). When the origin was the side that deleted it, the record
        lives again there, after the deletion: news for the copies that had the deletion."""
        for name in FIELDS[record[0]]:
            found = live.slot(record, name)
            if found is None:
                continue
            if dead is self._hub:
                # The origin's own history goes on: the values it held before are behind
                # the value kept (its deletion is not: the record is back). A copy that
                # started from an older value and changed it is ahead of the value kept.
                before = dead.slot(record, name)
                if before is not None:
                    found = Version(
                        found.value,
                        found.history,
                        found.superseded | (before.history - self.deletions - found.history),
                    )
            out.left.slots[(record[0], record[1], name)] = found
            out.right.slots[(record[0], record[1], name)] = found
        alive = live.slot(record, ALIVE)
        assert alive is not None
        history = alive.history
        if dead is self._hub:
            history = history | self.history(dead, record, live_only=False) | {w}
        version = Version(LIVE, history)
        out.left.slots[(record[0], record[1], ALIVE)] = version
        out.right.slots[(record[0], record[1], ALIVE)] = version

    def _as_hub(self, out: Outcome, record: Record) -> None:
        """Decided for the origin's side: the origin stays as it was, the copy takes its
        state, and what the copy gives up (its deletion, its records under this one) leaves
        no trace."""
        hub = self._hub
        for k in (out.left, out.right):
            for name in (*FIELDS[record[0]], ALIVE):
                found = hub.slot(record, name)
                if found is None:
                    k.slots.pop((record[0], record[1], name), None)
                else:
                    k.slots[(record[0], record[1], name)] = found

    def _follow(
        self, out: Outcome, left: Knowledge, right: Knowledge, record: Record, fate: str
    ) -> None:
        """A record under a record in conflict goes with it: deleted with it, or kept as the
        side that kept it has it."""
        if fate == "held":
            return
        if fate == "hub":
            self._as_hub(out, record)
            return
        if fate == "delete":
            source = left if left.alive(record) is not None else right
            self._set_both(out, record, source, left, right)
            for k in (out.left, out.right):
                for name in (*FIELDS[record[0]], ALIVE):
                    found = k.slot(record, name)
                    if found is not None:
                        k.slots[(record[0], record[1], name)] = Version(
                            TOMB, found.history | {self._deleted}
                        )
            return
        source, other = (left, right) if fate == "keep-left" else (right, left)
        if source.alive(record) is None:
            return
        if source.alive(record) == TOMB:
            self._set_both(out, record, source, left, right)
        else:
            self._keep(out, record, source, other, self._renewed)

    def _record(
        self,
        out: Outcome,
        left: Knowledge,
        right: Knowledge,
        record: Record,
        prefer_left: bool | None,
    ) -> str | None:
        """Merge one record; returns the fate of a record-level conflict, if any."""
        a, b = left.alive(record), right.alive(record)
        if a is None and b is None:
            return None
        if a is None or b is None:
            self._set_both(out, record, right if a is None else left, left, right)
            return None
        if a == TOMB and b == TOMB:
            self._set_both(out, record, left, left, right)
            return None
        if a == TOMB or b == TOMB:
            dead, live = (left, right) if a == TOMB else (right, left)
            born_dead, born_live = dead.slot(record, ALIVE), live.slot(record, ALIVE)
            assert born_dead is not None and born_live is not None
            if not born_dead.history & born_live.history:
                # Two entries for one key (a value of one year): the one deleted is not the
                # one alive, which nobody deleted.
                self._set_both(out, record, live, left, right)
                return None
            h_dead = self.history(dead, record, live_only=False)
            h_live = self.history(live, record, live_only=True)
            if h_dead <= h_live:
                # It lives again after the deletion, which its side knew of.
                self._set_both(out, record, live, left, right)
                return None
            if self.history(live, record, live_only=True, content=True) <= h_dead:
                # Nothing was written in it (nor under it) that the deleting side had not.
                self._set_both(out, record, dead, left, right)
                return None
            out.conflicts.add((record, ""))
            if prefer_left is None:
                return "held"
            winner = left if prefer_left else right
            if winner is self._hub:
                self._as_hub(out, record)
                return "hub"
            if winner is not live:
                self._set_both(out, record, winner, left, right)
                # Deleted by a decision: after everything either side had under it.
                self._deleted = self.write_id()
                self.deletions.add(self._deleted)
                return "delete"
            self._renewed = self.write_id()
            self._keep(out, record, live, dead, self._renewed)
            return "keep-left" if live is left else "keep-right"
        for name in (*FIELDS[record[0]], ALIVE):
            x, y = left.slot(record, name), right.slot(record, name)
            assert x is not None and y is not None
            key = (record[0], record[1], name)
            if x.value == y.value or name == ALIVE:
                newer = y if y.knows(x) else x
                merged = x.merged(y, newer.value)
            elif y.knows(x):
                merged = x.merged(y, y.value)
            elif x.knows(y):
                merged = x.merged(y, x.value)
            else:
                out.conflicts.add((record, name))
                if prefer_left is None:
                    continue
                chosen = x if prefer_left else y
                merged = x.merged(y, chosen.value)
                hub_version = x if left is self._hub else y
                if chosen is hub_version:
                    # The origin's value stays, as it was: nothing changed there, and the
                    # value the copy gave up leaves no trace.
                    out.left.slots[key] = hub_version
                    out.right.slots[key] = hub_version
                    continue
            out.left.slots[key] = merged
            out.right.slots[key] = merged
        return None


def values(k: Knowledge) -> dict[Record, dict[str, str] | None]:
    """What a store must hold: per record its fields, None when deleted."""
    out: dict[Record, dict[str, str] | None] = {}
    for record in k.records():
        alive = k.alive(record)
        if alive == TOMB:
            out[record] = None
        elif alive == LIVE:
            found: dict[str, str] = {}
            for name in FIELDS[record[0]]:
                slot = k.slot(record, name)
                assert slot is not None
                found[name] = slot.value
            out[record] = found
    return out
