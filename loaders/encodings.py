"""Bytes to text: which encodings are accepted, detected or refused, and why.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as they are. Anything else is
handed to charset-normalizer; what it recognises with confidence as one of the encodings
Japanese text is found in (Shift_JIS/CP932, EUC-JP, ISO-2022-JP, UTF-16 without a BOM) is
decoded, and everything else is a ``DecodeFailure`` naming the first bad byte and what the
bytes look like (another encoding, or binary data), so the user can convert the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Encodings decoded when charset-normalizer finds them, with the name users know them by.
DETECTED: dict[str, str] = {
    "cp932": "Shift_JIS",
    "shift_jis": "Shift_JIS",
    "shift_jis_2004": "Shift_JIS",
    "shift_jisx0213": "Shift_JIS",
    "euc_jp": "EUC-JP",
    "euc_jis_2004": "EUC-JP",
    "euc_jisx0213": "EUC-JP",
    "iso2022_jp": "ISO-2022-JP",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32_le": "UTF-32LE",
    "utf_32_be": "UTF-32BE",
}

_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]")  # Japanese text has kana; Chinese has none
_MAX_CHAOS = 0.2  # charset-normalizer's measure of how garbled a reading looks (0: clean)
_ISO2022_ESCAPE = b"\x1b$B"  # ISO-2022-JP is 7-bit: it passes for UTF-8 with escape bytes in it


@dataclass(frozen=True)
class DecodeFailure:
    """Why a file's bytes are not text we accept."""

    message: str


def decode(data: bytes) -> str | DecodeFailure:
    """Bytes as text: UTF-8 with or without BOM, UTF-16/32 with a BOM, or a Japanese legacy
    encoding or BOM-less UTF-16 that charset-normalizer recognises.

    >>> decode("日本".encode("utf-8-sig")), decode("日本".encode("utf-16"))
    ('日本', '日本')
    >>> decode("インド政府は2日、支援を発表した。".encode("shift_jis"))
    'インド政府は2日、支援を発表した。'
    >>> decode(bytes(range(256)) * 4).message  # doctest: +ELLIPSIS
    'not UTF-8: byte 0x80 at offset 128 cannot be decoded; it looks like binary data, not text...'
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                return DecodeFailure(f"not valid {enc.upper()} (it has a BOM): bad bytes at offset {offset}")
    if b"\x00" not in data and _ISO2022_ESCAPE not in data:  # NULs: UTF-16 that passes for UTF-8
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _detected(data, exc)
    return _detected(data, None)


def _detected(data: bytes, exc: UnicodeDecodeError | None) -> str | DecodeFailure:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    for match in matches:  # a short EUC-JP text may rank behind a Big5 reading of its bytes
        if match.encoding in DETECTED and match.chaos < _MAX_CHAOS:
            text = str(match)
            if _KANA.search(text) or match.encoding.startswith("utf_"):
                return text
    if exc is None:  # valid UTF-8 with NULs that is not UTF-16 either
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            exc = err
    bad = data[exc.start : exc.start + 1].hex()
    msg = f"not UTF-8: byte 0x{bad} at offset {exc.start} cannot be decoded"
    if _damaged_utf8(data) or (best is not None and best.encoding in ("utf_8", "ascii")):
        return DecodeFailure(f"{msg}; the rest is UTF-8: the file is cut short or damaged there")
    if best is None:
        return DecodeFailure(f"{msg}; it looks like binary data, not text: give text files, JSON Lines, feeds or pages")
    name = DETECTED.get(best.encoding, best.encoding)
    return DecodeFailure(f"{msg}; it may be {name}: convert it to UTF-8, e.g. `iconv -f {name} -t UTF-8`")


def _damaged_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 but for a few bad spots (a file cut in a character, a flipped byte)."""
    spots = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return 0 < spots <= max(3, len(data) // 1000)


_DECLARED = re.compile(rb"""(?:encoding|charset)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_markup(data: bytes) -> str | DecodeFailure:
    """Decode XML or HTML: a BOM first, then the encoding the document declares, else as ``decode``.

    A declared name Python does not know, or one that is not a text encoding (``rot13``,
    ``base64``), is ignored.

    >>> decode_markup('<?xml version="1.0" encoding="Shift_JIS"?><rss>日本</rss>'.encode("cp932"))
    '<?xml version="1.0" encoding="Shift_JIS"?><rss>日本</rss>'
    >>> decode_markup(b'<?xml version="1.0" encoding="rot13"?><rss>abc</rss>')
    '<?xml version="1.0" encoding="rot13"?><rss>abc</rss>'
    """
    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode(data)
    m = _DECLARED.search(data[:2048])
    enc = _text_encoding(m.group(1).decode("ascii")) if m else None
    if m is None or enc is None:
        return decode(data)
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        declared = m.group(1).decode("ascii")
        return DecodeFailure(f"not valid {declared} as declared: bad byte at offset {exc.start}")


def _text_encoding(name: str) -> str | None:
    """Python's name for a declared text encoding, or None for an unknown or non-text one."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    if info.name in ("shift_jis", "cp932", "ms932"):
        return "cp932"  # what Japanese sites labelled Shift_JIS actually use
    return info.name
