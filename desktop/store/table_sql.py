"""What SQLite keeps only in the text of a ``CREATE TABLE``: CHECK constraints, column
collations, ON CONFLICT clauses and table options (WITHOUT ROWID, STRICT); no PRAGMA reports
them.

The text is tokenised rather than compared whole: its spacing, quoting and the order of its
clauses depend on the SQLAlchemy version that wrote it, while the tokens of an expression do
not. Identifiers are unquoted and lower-cased, string literals kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<string>'(?:[^']|'')*'?)
    |(?P<blob>[xX]'[0-9a-fA-F]*'?)
    |(?P<quoted>"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?)
    |(?P<word>[\w$\u0080-\U0010ffff]+)
    |(?P<punct>\|\||<<|>>|<=|>=|==|!=|<>|->>|->|.)
    """,
    re.DOTALL | re.VERBOSE,
)
TABLE_CONSTRAINTS = {"constraint", "primary", "unique", "check", "foreign"}
# Words after which "(" opens a group, not the arguments of a function: "x in (1, 2)".
_OPERATORS = {"and", "or", "not", "in", "is", "exists", "between", "like", "glob", "regexp"}
_OPERATORS |= {"match", "escape", "case", "when", "then", "else", "as", "check", "unique", "key"}
DEFAULT_COLLATION = "BINARY"


@dataclass(frozen=True)
class TableExtras:
    checks: tuple[str, ...]  # normalised expressions, table and column constraints alike
    collations: tuple[tuple[str, str], ...]  # (column, collation) where not BINARY
    conflicts: tuple[str, ...] = ()  # the definitions holding an ON CONFLICT clause
    options: str = ""  # what follows the closing parenthesis


def _unquote(token: str) -> str:
    if token[:1] == "[":
        return token[1:].rstrip("]")
    if token[:1] in ('"', "`"):
        quote = token[0]
        inner = token[1:-1] if len(token) > 1 and token.endswith(quote) else token[1:]
        return inner.replace(quote * 2, quote)
    return token


def tokens(sql: str) -> list[str]:
    """The normalised tokens of ``sql``: no spaces or comments, identifiers unquoted and
    lower-cased, literals unchanged."""
    found: list[str] = []
    for match in _TOKEN.finditer(sql):
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind in ("string", "blob"):
            found.append(text)
        elif kind == "quoted":
            found.append(_unquote(text).lower())
        else:
            found.append(text.lower())
    return found


def _closing(items: list[str], opening: int) -> int:
    """The index of the parenthesis closing ``items[opening]`` (the end when unbalanced)."""
    depth = 0
    for index in range(opening, len(items)):
        if items[index] == "(":
            depth += 1
        elif items[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return len(items)


def _split_definitions(body: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for token in body:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        if token == "," and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def render(items: list[str]) -> str:
    """Tokens joined as people write them: ``a <= 100``, ``f(x, y)``."""
    text = previous = before = ""
    for token in items:
        unary = previous in ("-", "+") and (
            before in ("", "(", ",") or before in _OPERATORS or not re.match(r"[\w$')]", before)
        )
        if text and not (
            unary
            or text.endswith(("(", "."))
            or token in (")", ",", ".")
            or (token == "(" and previous not in _OPERATORS and re.fullmatch(r"[\w$]", text[-1]))
        ):
            text += " "
        text += token
        before, previous = previous, token
    return text


def table_extras(sql: str, column_names: list[str]) -> TableExtras:
    """The CHECK constraints and non-default collations of the table ``sql`` creates;
    ``column_names`` (as SQLite reports them) give the columns their declared spelling."""
    lowered = sql.lower()
    if not any(word in lowered for word in ("check", "collate", "conflict")) and (
        lowered.rstrip().endswith(")")
    ):
        return TableExtras((), ())  # none of them can be written without its keyword
    items = tokens(sql)
    try:
        opening = items.index("(")
    except ValueError:
        return TableExtras((), ())
    spelled = {name.lower(): name for name in column_names}
    checks: list[str] = []
    collations: list[tuple[str, str]] = []
    conflicts: list[str] = []
    closing = _closing(items, opening)
    for definition in _split_definitions(items[opening + 1 : closing]):
        is_column = definition[0] not in TABLE_CONSTRAINTS
        index = 1 if is_column else 0
        while index < len(definition):
            token = definition[index]
            if token == "(":
                index = _closing(definition, index) + 1
                continue
            following = definition[index + 1] if index + 1 < len(definition) else ""
            if token == "check" and following == "(":
                end = _closing(definition, index + 1)
                checks.append(render(definition[index + 2 : end]))
                index = end + 1
                continue
            if token == "on" and following == "conflict":
                conflicts.append(render(definition))
                break
            if token == "collate" and following and is_column:
                collation = following.upper()
                if collation != DEFAULT_COLLATION:
                    column = spelled.get(definition[0], definition[0])
                    collations.append((column, collation))
                index += 2
                continue
            index += 1
    return TableExtras(
        tuple(sorted(checks)),
        tuple(sorted(collations)),
        tuple(sorted(conflicts)),
        render(items[closing + 1 :]),
    )
