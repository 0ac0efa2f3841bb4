"""Natural keys and references after a merge.

A record created on both sides with the same natural key (the value of one indicator,
territory, year and kind; an indicator of one code; reference data a migration installed in
both stores) is one record: the origin's key names it, the copy's record takes that key (its
own id, so what hangs under it stays attached), and their fields merge like any record's, a
field entered differently on both sides being a conflict. Then no record may point at a record
that is gone: a reference that may be cleared is cleared, any other record waits (held).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .plan import ConflictKind, RecordId, State
from .records import Values

if TYPE_CHECKING:
    from .merge import Merger
    from .sides import SideView

MAX_ROUNDS = 50


def _written(m: Merger) -> list[tuple[SideView, dict[RecordId, State]]]:
    sides = [(m.local, m.final_l)]
    if m.inp.write_remote:
        sides.append((m.remote, m.final_r))
    return sides


def _current(m: Merger, finals: dict[RecordId, State], view: SideView, rid: RecordId) -> State:
    return finals[rid] if rid in finals else view.state(rid)


def _records(view: SideView, finals: dict[RecordId, State], table: str) -> set[str]:
    found = set(view.keys(table))
    found.update(k for t, k in finals if t == table)
    return found


def _collisions(
    m: Merger, view: SideView, finals: dict[RecordId, State]
) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    touched = {t for t, _k in finals} | {t for t, _k in m.canon}
    for name, info in m.schema.tables.items():
        if not info.natural_keys:
            continue
        # A collision needs a record that changed here, or a reference that now reads
        # another key: tables untouched by both are skipped.
        if name not in touched and not any(
            fk.target in touched for fk in info.foreign_keys.values()
        ):
            continue
        for natural in info.natural_keys:
            seen: dict[tuple[str | None, ...], str] = {}
            for key in sorted(_records(view, finals, name)):
                rid = (name, key)
                if rid in m.canon:
                    continue
                values = _current(m, finals, view, rid)
                if values is None:
                    continue
                values = m.translate(name, values)
                tup = tuple(values.get(c) for c in natural)
                if None in tup:
                    continue  # NULLs never collide
                other = seen.get(tup)
                if other is None:
                    seen[tup] = key
                else:
                    found.append((name, other, key))
    return found


def _pick(m: Merger, table: str, a: str, b: str) -> tuple[str, str]:
    """(canonical, merged into it): the origin's record keeps its key."""
    on_hub_a = m.hub.state((table, a)) is not None
    on_hub_b = m.hub.state((table, b)) is not None
    if on_hub_a != on_hub_b:
        return (a, b) if on_hub_a else (b, a)
    return (a, b) if a < b else (b, a)


def _side_value(
    view: SideView, finals: dict[RecordId, State], table: str, pair: tuple[str, str]
) -> tuple[str, Values] | None:
    """The value this side holds for a pair of records: its own record's, the one it had
    before the merge (the one it changed, if it had both)."""
    before = [k for k in pair if view.state((table, k)) is not None]
    for key in before or list(pair):
        rid = (table, key)
        values = finals[rid] if rid in finals else view.state(rid)
        if values is not None:
            return key, values
    return None


def _unify(m: Merger, table: str, a: str, b: str) -> None:
    canonical, loser = _pick(m, table, a, b)
    target = (table, canonical)
    lost = (table, loser)
    here = _side_value(m.local, m.final_l, table, (canonical, loser))
    there = _side_value(m.remote, m.final_r, table, (canonical, loser))
    if here is None or there is None:
        # Both on one side only (a key changed there): the other side sees nothing to merge.
        only = here or there
        assert only is not None
        values = only[1]
        m.final_l[target] = values
        m.final_r[target] = values
    else:
        # Compare with the base of either record (usually neither has one: both are new).
        rid = target if m.base.get(target) is not None else lost
        found = len(m.plan.conflicts)
        m.merge_fields(
            rid,
            m.translate(table, here[1]),
            m.translate(table, there[1]),
            ConflictKind.DUPLICATE,
            target=target,
        )
        for conflict in m.plan.conflicts[found:]:
            conflict.mine_key, conflict.theirs_key = here[0], there[0]
    m.canon[lost] = canonical
    m.final_l.pop(lost, None)
    m.final_r.pop(lost, None)
    for view, out in ((m.local, m.plan.local), (m.remote, m.plan.remote)):
        if view.state(lost) is None or not (view is m.local or m.inp.write_remote):
            continue
        if view.state(target) is None:
            out.rename[lost] = canonical
        else:
            _repoint(m, view, m.final_l if view is m.local else m.final_r, lost)
            out.merge_into[lost] = canonical
    if m.local is m.hub and m.local.state(lost) is None:
        m.plan.aliases[lost] = canonical


def _repoint(m: Merger, view: SideView, finals: dict[RecordId, State], lost: RecordId) -> None:
    """Records pointing at a record merged into another are written again, pointing at it."""
    for child, column in m.schema.referrers.get(lost[0], ()):
        for key in list(view.keys(child)):
            rid = (child, key)
            values = _current(m, finals, view, rid)
            if values is not None and values.get(column) == lost[1]:
                finals.setdefault(rid, values)


def unify(m: Merger) -> None:
    for _round in range(MAX_ROUNDS):
        pairs: list[tuple[str, str, str]] = []
        for view, finals in _written(m):
            for found in _collisions(m, view, finals):
                if found not in pairs and (found[0], found[2], found[1]) not in pairs:
                    pairs.append(found)
        if not pairs:
            return
        for table, a, b in pairs:
            if (table, a) in m.canon or (table, b) in m.canon:
                continue  # settled by an earlier pair of this round
            _unify(m, table, a, b)
    raise RuntimeError("natural keys did not settle")


def _live(m: Merger, view: SideView, finals: dict[RecordId, State], rid: RecordId) -> bool:
    if rid in m.canon:
        return False
    return _current(m, finals, view, rid) is not None


def clear_dangling(m: Merger) -> None:
    """No record may point at a record that is gone after the merge."""
    changed = True
    while changed:
        changed = False
        for view, finals in _written(m):
            for rid, values in list(finals.items()):
                if values is None or rid in m.canon or rid in m.plan.held:
                    continue
                info = m.schema.tables[rid[0]]
                translated = m.translate(rid[0], values)
                for column, fk in info.foreign_keys.items():
                    target = translated.get(column)
                    if target is None or _live(m, view, finals, (fk.target, target)):
                        continue
                    if not fk.cascade and fk.nullable:
                        finals[rid] = {**values, column: None}
                        values = finals[rid]
                    else:
                        _hold(m, rid)
                    changed = True
                    break


def _hold(m: Merger, rid: RecordId) -> None:
    m.final_l[rid] = m.local.state(rid)
    m.final_r[rid] = m.remote.state(rid)
    m.plan.held.add(rid)
