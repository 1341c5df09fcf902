"""The text of a PDF written by fpdf2, read back through its fonts' ToUnicode maps.

No PDF reader is a dependency, so this reads exactly what fpdf2 writes for embedded TrueType
fonts: Type0 fonts with two-byte Identity-H codes, literal strings shown with `Tj`, streams
plain or Flate-compressed. A glyph the font lacked has no code, so its character is missing
from the text read back.
"""

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*<<(.*?)\n>>\s*(stream\r?\n)?", re.S)
_LENGTH = re.compile(rb"/Length (\d+)")
_FONT_REF = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_CONTENTS = re.compile(rb"/Contents (\d+) 0 R")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_SHOW = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\()])*)\) Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    out: dict[int, tuple[bytes, bytes | None]] = {}
    for m in _OBJECT.finditer(pdf):
        head, stream = m.group(2), None
        if m.group(3):
            length = _LENGTH.search(head)
            assert length, "a stream without /Length"
            stream = pdf[m.end() : m.end() + int(length.group(1))]
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
        out[int(m.group(1))] = (head, stream)
    return out


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        codes = _HEX.findall(block)
        for src, dst in zip(codes[::2], codes[1::2], strict=True):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in _BFRANGE.findall(data):
        codes = _HEX.findall(block)
        for low, high, dst in zip(codes[::3], codes[1::3], codes[2::3], strict=True):
            first = int(dst, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def _unescape(literal: bytes) -> bytes:
    def one(m: re.Match[bytes]) -> bytes:
        token = m.group(1)
        if token.isdigit():
            return bytes([int(token, 8)])
        return _ESCAPES.get(token, token)

    return _ESCAPE.sub(one, literal)


def pdf_text(pdf: bytes) -> list[str]:
    """Every string the PDF shows, in drawing order, as Unicode."""
    objects = _objects(pdf)
    heads = b"\n".join(head for head, _ in objects.values())
    maps: dict[bytes, dict[int, str]] = {}
    for name, ref in _FONT_REF.findall(heads):
        to_unicode = _TO_UNICODE.search(objects[int(ref)][0])
        assert to_unicode, f"font {name.decode()} has no ToUnicode map"
        stream = objects[int(to_unicode.group(1))][1]
        assert stream is not None
        maps[name] = _cmap(stream)
    shown: list[str] = []
    for ref in _CONTENTS.findall(heads):
        content = objects[int(ref)][1]
        assert content is not None
        font: dict[int, str] = {}
        for m in _SHOW.finditer(content):
            if m.group(1):
                font = maps[m.group(1)]
                continue
            raw = _unescape(m.group(2))
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
            shown.append("".join(font[c] for c in codes))
    return shown
