"""The text form of a filter, for people and curl, parsed to the canonical JSON tree.

    tags = "VIP" AND status = active AND (total_spent >= 500 OR NOT email is_empty)
        AND created_at in_last 30d

Grammar (keywords case-insensitive):
    expr      := and_expr ("OR" and_expr)*
    and_expr  := unary ("AND" unary)*
    unary     := "NOT" unary | "(" expr ")" | condition
    condition := FIELD OPERATOR [value]      (no value for is_empty, today, …)
    value     := STRING | NUMBER | WORD | "[" value ("," value)* "]"
Operators: the words of the registry (`contains`, `in_last`, …) and `= != > >= < <=`.
"""

import re
from dataclasses import dataclass
from typing import Any

from app.core.errors import FieldError
from app.customers.filters.ast import MAX_NODES, InvalidFilter
from app.customers.filters.registry import NO_VALUE_OPS, OPERATORS

MAX_TEXT_LENGTH = 10_000
SYMBOLS = {"=": "eq", "!=": "ne", "<>": "ne", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}
OPERATOR_WORDS = frozenset(op for ops in OPERATORS.values() for op in ops)
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<symbol>>=|<=|!=|<>|=|>|<|\(|\)|\[|\]|,)
  | (?P<word>[^\s()\[\],=<>!"']+)
  | (?P<bad>["'!])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string symbol word end
    text: str
    pos: int


def _error(message: str, code: str = "filter_syntax") -> InvalidFilter:
    return InvalidFilter(message, errors=[FieldError(loc=["filter"], code=code, message=message)])


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup == "bad":
            quote = text[pos]
            if quote in "\"'":
                raise _error(f"Unterminated string starting at position {pos + 1}.")
            raise _error(f"Unexpected character {quote!r} at position {pos + 1}.")
        kind = match.lastgroup or "word"
        if kind != "space":
            tokens.append(Token(kind, match.group(), pos + 1))
        pos = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _unquote(token: Token) -> str:
    body = token.text[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.conditions = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token.kind == "word" and token.text.upper() == word:
            self.i += 1
            return True
        return False

    def expr(self, depth: int) -> dict[str, Any]:
        if depth > 20:
            raise _error("The filter nests too deeply.", "too_deep")
        items = [self.and_expr(depth)]
        while self.keyword("OR"):
            items.append(self.and_expr(depth))
        return items[0] if len(items) == 1 else {"or": items}

    def and_expr(self, depth: int) -> dict[str, Any]:
        items = [self.unary(depth)]
        while self.keyword("AND"):
            items.append(self.unary(depth))
        return items[0] if len(items) == 1 else {"and": items}

    def unary(self, depth: int) -> dict[str, Any]:
        if self.keyword("NOT"):
            return {"not": self.unary(depth + 1)}
        token = self.peek()
        if token.kind == "symbol" and token.text == "(":
            self.take()
            inner = self.expr(depth + 1)
            closing = self.take()
            if closing.text != ")":
                raise _error(f"Expected ')' at position {closing.pos} to close '(' at {token.pos}.")
            return inner
        return self.condition()

    def condition(self) -> dict[str, Any]:
        self.conditions += 1
        if self.conditions > MAX_NODES:
            raise _error(f"A filter has at most {MAX_NODES} conditions.", "too_many_nodes")
        field = self.take()
        if field.kind != "word" or field.text.upper() in ("AND", "OR", "NOT"):
            found = f"{field.text!r}" if field.kind != "end" else "the end"
            raise _error(f"Expected a field name at position {field.pos}, found {found}.")
        op_token = self.take()
        if op_token.kind == "symbol" and op_token.text in SYMBOLS:
            op = SYMBOLS[op_token.text]
        elif op_token.kind == "word" and op_token.text.lower() in OPERATOR_WORDS:
            op = op_token.text.lower()
        else:
            found = f"{op_token.text!r}" if op_token.kind != "end" else "the end"
            raise _error(
                f"Expected an operator after {field.text!r} at position {op_token.pos}, found {found}."
            )
        node: dict[str, Any] = {"field": field.text, "op": op}
        if op not in NO_VALUE_OPS:
            node["value"] = self.value(op_token)
        return node

    def value(self, after: Token) -> Any:
        token = self.take()
        if token.kind == "symbol" and token.text == "[":
            items = [self.value(token)]
            while self.peek().text == ",":
                self.take()
                items.append(self.value(token))
            closing = self.take()
            if closing.text != "]":
                raise _error(f"Expected ']' at position {closing.pos} to close '[' at {token.pos}.")
            return items
        if token.kind == "string":
            return _unquote(token)
        if token.kind == "word" and token.text.upper() not in ("AND", "OR", "NOT"):
            # Bare words stay text: the field's type decides (`00950` is a postal code).
            return token.text
        found = f"{token.text!r}" if token.kind != "end" else "the end"
        raise _error(
            f"Expected a value after {after.text!r} at position {token.pos}, found {found}."
        )


def parse_text(text: str) -> dict[str, Any]:
    """The JSON tree of a text filter, or InvalidFilter saying where it went wrong."""
    if len(text) > MAX_TEXT_LENGTH:
        raise _error(f"A filter has at most {MAX_TEXT_LENGTH} characters.", "filter_too_long")
    parser = _Parser(tokenize(text))
    if parser.peek().kind == "end":
        raise _error("The filter is empty.", "filter_empty")
    tree = parser.expr(0)
    rest = parser.peek()
    if rest.kind != "end":
        raise _error(
            f"Unexpected {rest.text!r} at position {rest.pos}: expected AND, OR or the end."
        )
    return tree
