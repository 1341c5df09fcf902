"""How a download is named: one `Content-Disposition` for every file the API sends.

A header is Latin-1 on the wire, so a raw Polish or Ukrainian name cannot go in it, and a
quote or CR/LF in a user's file name would end the value or the header. RFC 6266 (with the
RFC 8187/5987 encoding) gives both: `filename="<ASCII fallback>"` for old clients and
`filename*=UTF-8''<percent-encoded>` that every current browser prefers.
"""

import re
import unicodedata
from urllib.parse import quote

# Letters NFKD does not take apart into an ASCII letter and an accent.
_ASCII_OF = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})
# What the quoted fallback may hold: no quote or backslash (they would need escaping, which
# some clients ignore), no path separators.
_UNSAFE_FALLBACK = re.compile(r"[^A-Za-z0-9 ._()+,;=@&#!~-]+")
MAX_NAME = 200


def _printable(name: str) -> str:
    """The name without control characters (CR, LF, TAB, NUL...) or path separators."""
    kept = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in name)
    kept = kept.replace("/", "_").replace("\\", "_")
    return re.sub(r"\s+", " ", kept).strip()[:MAX_NAME]


def ascii_fallback(name: str, default: str = "download") -> str:
    """The name in plain ASCII: accents dropped, other letters (Cyrillic) left out."""
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII_OF))
    plain = plain.encode("ascii", "ignore").decode()
    plain = re.sub(r"[-_ ]+\.", ".", _UNSAFE_FALLBACK.sub("_", plain)).strip(" _")
    # A Cyrillic name leaves only its ASCII tail (`-errors.csv`): give it a stem.
    return plain if plain[:1].isalnum() else default + plain


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="<ascii>"; filename*=UTF-8''<utf-8 percent-encoded>`."""
    name = _printable(filename) or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
