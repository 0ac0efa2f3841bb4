"""Three-way merge of two stores, record by record and field by field.

Each record is compared on both sides with the state both agreed on last (the base):

- a field changed on one side only takes that side's value (field-level merge);
- a field changed on both sides to different values is a conflict, decided by the user
  (mine / theirs / an edited value) or by ``prefer``; undecided, each side keeps its own;
- a record deleted on one side and changed on the other (itself, or a record under it, or a
  record newly pointing at it) is a conflict too; the records under it follow its fate;
- records created on both sides with the same natural key are one record (``keys``).

Which side is the copy matters once: the origin may hold values the copy sent in change
packages it has not heard back about (``priors``); such a value is the copy's own, not a
change made on the origin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from . import keys
from .plan import (
    Choice,
    Conflict,
    ConflictKey,
    ConflictKind,
    Decision,
    Plan,
    RecordId,
    State,
)
from .records import Values
from .schema import SyncSchema
from .sides import SideView

# A field of the base whose value is unknown (a conflict kept open): never equal to a value.
HELD = "\x00held"


class Fate(Enum):
    DELETE = "delete"
    KEEP = "keep"
    HOLD = "hold"


@dataclass
class MergeInput:
    schema: SyncSchema
    base: Mapping[RecordId, Values]
    local: SideView
    remote: SideView
    involved: set[RecordId]
    local_is_copy: bool
    priors: Mapping[RecordId, Sequence[State]] = field(default_factory=dict)
    decisions: Mapping[ConflictKey, Decision] = field(default_factory=dict)
    prefer: Choice | None = None
    # Online: both stores are written. From a package: only the local one.
    write_remote: bool = False
    # Applying the origin's package on a copy: the new base is the origin's state, not the
    # merged one (the copy's own changes stay to be sent).
    base_from_remote: bool = False


class Merger:
    def __init__(self, inp: MergeInput) -> None:
        self.inp = inp
        self.schema = inp.schema
        self.local = inp.local
        self.remote = inp.remote
        self.copy = inp.local if inp.local_is_copy else inp.remote
        self.hub = inp.remote if inp.local_is_copy else inp.local
        self.base = inp.base
        self.involved = set(inp.involved)
        self.final_l: dict[RecordId, State] = {}
        self.final_r: dict[RecordId, State] = {}
        self.held_fields: dict[RecordId, set[str]] = {}
        self.plan = Plan()
        self.fates: dict[RecordId, tuple[Fate, SideView]] = {}
        self.canon: dict[RecordId, str] = {}
        self._ancestors: dict[RecordId, tuple[RecordId, ...]] = {}
        self._marks: dict[str, set[RecordId]] = {}
        self._order = {name: index for index, name in enumerate(self.schema.order)}

    # -- what changed on a side ----------------------------------------------------------------

    def _alternatives(self, side: SideView, rid: RecordId) -> list[Values]:
        """The states a side's value is compared with to tell whether it changed it."""
        found = [b] if (b := self.base.get(rid)) is not None else []
        if side is self.hub:
            found.extend(p for p in self.inp.priors.get(rid, ()) if p is not None)
        return found

    def existence_changed(self, side: SideView, rid: RecordId) -> bool:
        """For a record absent on ``side``: whether the side deleted it."""
        base = self.base.get(rid)
        if side is self.hub:
            priors = self.inp.priors.get(rid, ())
            if any(p is None for p in priors):
                return False  # the copy deleted it and said so: the absence is the copy's
            if base is None:
                # The origin never agreed on it: it deleted it if it received what the copy
                # sent, then deleted it; a deletion the copy had already seen is no news (the
                # copy kept the record against it).
                return any(p is not None for p in priors) and side.deleted_lately(rid)
            return True
        return base is not None

    def field_changed(self, side: SideView, rid: RecordId, name: str, values: Values) -> bool:
        alternatives = self._alternatives(side, rid)
        value = values.get(name)
        return all(a.get(name) != value for a in alternatives)

    def record_changed(self, side: SideView, rid: RecordId) -> bool:
        values = side.state(rid)
        if values is None:
            return self.existence_changed(side, rid)
        alternatives = self._alternatives(side, rid)
        if not alternatives:
            return True  # created
        return any(
            all(a.get(name) != values.get(name) for a in alternatives)
            for name in self.schema.tables[rid[0]].fields
        )

    # -- records under records -----------------------------------------------------------------

    def known(self, rid: RecordId) -> State:
        for found in (self.local.known(rid), self.remote.known(rid), self.base.get(rid)):
            if found is not None:
                return found
        return None

    def cascade_parents(self, rid: RecordId) -> list[RecordId]:
        values = self.known(rid)
        if values is None:
            return []
        info = self.schema.tables[rid[0]]
        return [
            (fk.target, target)
            for column, fk in info.foreign_keys.items()
            if fk.cascade and (target := values.get(column)) is not None
        ]

    def ancestors(self, rid: RecordId) -> tuple[RecordId, ...]:
        found = self._ancestors.get(rid)
        if found is not None:
            return found
        self._ancestors[rid] = ()  # a cycle ends here
        out: list[RecordId] = []
        for parent in self.cascade_parents(rid):
            out.append(parent)
            out.extend(a for a in self.ancestors(parent) if a not in out)
        self._ancestors[rid] = tuple(out)
        return self._ancestors[rid]

    def marks(self, side: SideView) -> set[RecordId]:
        """Records under which (or pointing at which) ``side`` changed something."""
        found = self._marks.get(side.name)
        if found is not None:
            return found
        marks: set[RecordId] = set()
        for rid in self.involved:
            values = side.state(rid)
            if values is None or not self.record_changed(side, rid):
                continue
            info = self.schema.tables[rid[0]]
            for column, fk in info.foreign_keys.items():
                target = values.get(column)
                if target is None:
                    continue
                if not fk.cascade and not self.field_changed(side, rid, column, values):
                    continue  # an old reference: deleting the target only clears it
                parent = (fk.target, target)
                marks.add(parent)
                marks.update(self.ancestors(parent))
        self._marks[side.name] = marks
        return marks

    # -- decisions -----------------------------------------------------------------------------

    def decision(self, key: ConflictKey) -> Decision | None:
        found = self.inp.decisions.get(key)
        if found is not None:
            return found
        return Decision(self.inp.prefer) if self.inp.prefer is not None else None

    def _sides(self, rid: RecordId) -> tuple[SideView, SideView] | None:
        """(absent side, present side) when the record is on one side only."""
        here, there = self.local.state(rid), self.remote.state(rid)
        if (here is None) == (there is None):
            return None
        return (self.local, self.remote) if here is None else (self.remote, self.local)

    def _delete_conflicts(self) -> None:
        candidates: dict[RecordId, SideView] = {}
        for rid in self.involved:
            sides = self._sides(rid)
            if sides is None:
                continue
            absent, present = sides
            if not self.existence_changed(absent, rid):
                continue
            if self.record_changed(present, rid) or rid in self.marks(present):
                candidates[rid] = present
        for rid in sorted(candidates, key=self.sort_key):
            present = candidates[rid]
            if any(candidates.get(a) is present for a in self.ancestors(rid)):
                continue  # follows its parent's fate
            here, there = self.local.state(rid), self.remote.state(rid)
            conflict = Conflict(
                table=rid[0],
                key=rid[1],
                field="",
                kind=ConflictKind.DELETED_HERE if here is None else ConflictKind.DELETED_THERE,
                base=None,
                mine=None,
                theirs=None,
                mine_record=here,
                theirs_record=there,
            )
            decided = self.decision(conflict.conflict_key)
            fate = Fate.HOLD
            if decided is not None and decided.choice is not Choice.EDIT:
                winner = self.local if decided.choice is Choice.MINE else self.remote
                fate = Fate.KEEP if winner is present else Fate.DELETE
                conflict.decision = decided
            self.plan.conflicts.append(conflict)
            self.fates[rid] = (fate, present)

    def fate_of(self, rid: RecordId) -> tuple[Fate, SideView] | None:
        found = self.fates.get(rid)
        if found is not None:
            return found
        for ancestor in self.ancestors(rid):
            found = self.fates.get(ancestor)
            if found is not None:
                return found
        return None

    # -- one record ----------------------------------------------------------------------------

    def sort_key(self, rid: RecordId) -> tuple[int, int, str]:
        """Parents first: by table, then (in a table that points at itself) by depth."""
        table = rid[0]
        depth = len(self.ancestors(rid)) if self.schema.tables[table].self_references else 0
        return (self._order.get(table, 0), depth, rid[1])

    def _set(self, rid: RecordId, here: State, there: State) -> None:
        self.final_l[rid] = here
        self.final_r[rid] = there

    def merge_record(self, rid: RecordId) -> None:
        here, there = self.local.state(rid), self.remote.state(rid)
        fate = self.fate_of(rid)
        if fate is not None and (here is None) != (there is None):
            kind, present = fate
            if kind is Fate.DELETE:
                self._set(rid, None, None)
            elif kind is Fate.KEEP:
                values = present.state(rid)
                self._set(rid, values, values)
            else:
                self._set(rid, here, there)
                self.plan.held.add(rid)
            return
        if here is None and there is None:
            self._set(rid, None, None)
            return
        if here is None or there is None:
            absent, present = (
                (self.local, self.remote) if here is None else (self.remote, self.local)
            )
            if self.existence_changed(absent, rid):
                self._set(rid, None, None)
            elif self.record_changed(present, rid):
                values = present.state(rid)
                self._set(rid, values, values)
            else:
                values = self.copy.state(rid)
                self._set(rid, values, values)
            return
        self.merge_fields(rid, here, there, ConflictKind.FIELD)

    def merge_fields(
        self,
        rid: RecordId,
        here: Values,
        there: Values,
        kind: ConflictKind,
        target: RecordId | None = None,
    ) -> None:
        """Field by field into ``target`` (``rid`` itself, or the record two records merge
        into when they were created on both sides)."""
        target = target or rid
        merged: Values = {}
        mine_only: dict[str, str | None] = {}
        theirs_only: dict[str, str | None] = {}
        changed_here = changed_there = False
        for name in self.schema.tables[rid[0]].fields:
            mine, theirs = here.get(name), there.get(name)
            if mine == theirs:
                merged[name] = mine
                continue
            here_changed = self.field_changed(self.local, rid, name, here)
            there_changed = self.field_changed(self.remote, rid, name, there)
            changed_here |= here_changed
            changed_there |= there_changed
            if here_changed and there_changed:
                base = self.base.get(rid)
                conflict = Conflict(
                    table=target[0],
                    key=target[1],
                    field=name,
                    kind=kind,
                    base=None if base is None else base.get(name),
                    mine=mine,
                    theirs=theirs,
                    mine_record=here,
                    theirs_record=there,
                )
                decided = self.decision(conflict.conflict_key)
                conflict.decision = decided
                self.plan.conflicts.append(conflict)
                if decided is None:
                    mine_only[name], theirs_only[name] = mine, theirs
                    merged[name] = mine
                elif decided.choice is Choice.MINE:
                    merged[name] = mine
                elif decided.choice is Choice.THEIRS:
                    merged[name] = theirs
                else:
                    merged[name] = decided.value
            elif here_changed:
                merged[name] = mine
            elif there_changed:
                merged[name] = theirs
            else:
                merged[name] = (here if self.copy is self.local else there).get(name)
        if changed_here and changed_there:
            self.plan.merged += 1
        self._set(target, {**merged, **mine_only}, {**merged, **theirs_only})
        if mine_only:
            self.held_fields[target] = set(mine_only)

    # -- the whole merge -----------------------------------------------------------------------

    def run(self) -> Plan:
        self._delete_conflicts()
        for rid in sorted(self.involved, key=self.sort_key):
            self.merge_record(rid)
        keys.unify(self)
        keys.clear_dangling(self)
        self._finish()
        return self.plan

    def translate(self, table: str, values: Values) -> Values:
        """Foreign keys through the records merged into others."""
        if not self.canon:
            return values
        info = self.schema.tables[table]
        out = dict(values)
        for column, fk in info.foreign_keys.items():
            target = out.get(column)
            if target is not None:
                out[column] = self.canon.get((fk.target, target), target)
        return out

    def _finish(self) -> None:
        plan = self.plan
        sides = [(self.local, self.final_l, plan.local)]
        if self.inp.write_remote:
            sides.append((self.remote, self.final_r, plan.remote))
        for view, finals, out in sides:
            renamed = {(old[0], new): old for old, new in out.rename.items()}
            for rid, final in finals.items():
                if rid in self.canon:
                    continue  # merged into another record (renamed, or never written)
                current = view.state(renamed.get(rid, rid))
                if final is None:
                    if current is not None:
                        out.delete.add(rid)
                    continue
                final = self.translate(rid[0], final)
                if final != current:
                    out.put[rid] = final
        for rid in self.final_l:
            if rid in plan.held or rid in self.canon:
                continue
            if self.inp.base_from_remote:
                new_base = self.remote.state(rid)
            else:
                new_base = self.final_l[rid]
            if new_base is not None:
                new_base = self.translate(rid[0], new_base)
                held = self.held_fields.get(rid)
                if held:
                    old = self.base.get(rid) or {}
                    new_base = {**new_base, **{n: old.get(n, HELD) for n in held}}
            plan.base[rid] = new_base
        for rid in self.canon:
            plan.base[rid] = None
        plan.open = set(plan.held) | set(self.held_fields)


def merge(inp: MergeInput) -> Plan:
    return Merger(inp).run()
