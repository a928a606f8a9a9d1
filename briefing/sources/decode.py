"""Turning the raw bytes of one input file into text, or saying clearly why they are not text.

Why a module of its own: news files arrive as UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools and
legacy single-byte code pages. Every later offset refers to the decoded text, so decoding must be
deterministic, must never produce silent mojibake, and must name the encoding it used whenever it
was not plain UTF-8.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-1252" codec)
from charset_normalizer import from_bytes

__all__ = ["Decoded", "decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Category Cc (U+0000-001F, U+007F-009F) without the allowed tab, LF, VT, FF and CR (U+0009-000D)."""
_MAX_CONTROL_RATIO = 0.01
_LATIN_FAMILY = re.compile(r"^(?:cp125[0-8]|latin_1|iso8859_\d+|mac_\w+|cp8\d\d|windows_125\d)$")
# UTF-8 read as cp1252/latin-1: "Ã©" for "é", "â€™" for "’", "Â " for a no-break space.
_MOJIBAKE = re.compile(
    "(?:Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a\u20ac\u2122]"
    "|â€[\u0080-\u00bf\u0153\u0161\u017e\u02dc\u0192\u2018-\u201e\u2020-\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|Â[\u00a0-\u00bf])"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of decoding: ``text`` is None when the bytes are not text, and ``problem`` says why."""

    text: str | None
    encoding: str | None
    warnings: tuple[str, ...] = ()
    problem: str = ""


def decode_bytes(data: bytes, *, fallback: str = "cp1252") -> Decoded:
    """Decode ``data``; line endings become ``\\n`` and a leading BOM is dropped.

    Trailing NUL padding (left by fixed-size exports and some copy tools) is cut with a warning
    before anything else, so that it does not make a text file look binary.
    """
    data, padding = _strip_nul_padding(data)
    decoded = _decode(data, fallback=fallback)
    if padding:
        decoded = Decoded(decoded.text, decoded.encoding, (padding, *decoded.warnings), decoded.problem)
    if decoded.text is None:
        return decoded
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, more = _check_mojibake(text)  # first: misread UTF-8 carries C1 controls that repair removes
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        return Decoded(None, decoded.encoding, decoded.warnings, "binary file (control characters)")
    return Decoded(text, decoded.encoding, decoded.warnings + more)


def _decode(data: bytes, *, fallback: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return Decoded(
                    None, encoding, (), f"not text: byte order mark says {encoding} but {exc.reason}"
                )
            if encoding == "utf-8":
                return Decoded(text, "utf-8-sig")
            return Decoded(text, encoding, (f"decoded as {encoding.upper()} (byte order mark)",))
    if b"\x00" in data:
        return _bomless_utf16(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        mixed = _mixed_utf8(data, fallback=fallback)
        return mixed if mixed is not None else _legacy(data, fallback=fallback)


def _strip_nul_padding(data: bytes) -> tuple[bytes, str]:
    """Cut a run of NUL bytes at the very end when the rest holds none (UTF-16 keeps its NULs)."""
    if not data.endswith(b"\x00") or data.startswith(
        tuple(bom for bom, _ in _BOMS if bom != codecs.BOM_UTF8)
    ):
        return data, ""
    stripped = data.rstrip(b"\x00")
    if not stripped.strip() or b"\x00" in stripped:
        return data, ""
    return stripped, f"{len(data) - len(stripped):,} trailing NUL bytes (padding) stripped"


def _mixed_utf8(data: bytes, *, fallback: str) -> Decoded | None:
    """UTF-8 with some lines in a legacy code page (a paragraph pasted from a Windows tool).

    Decoding by segment: every line that is valid UTF-8 stays UTF-8; each line that is not is
    decoded with ``fallback`` (cp1252 read "sloppily" as ftfy does, so its five undefined bytes
    never fail). Used only when the file has real UTF-8 beyond ASCII, which a legacy file never
    does, so a file that is wholly cp1252 still goes to ``_legacy``.
    """
    codec = "sloppy-windows-1252" if codecs.lookup(fallback).name == "cp1252" else fallback
    out: list[str] = []
    bad: list[int] = []
    utf8_lines = 0
    for n, line in enumerate(data.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:  # a line mixing both keeps its UTF-8 part readable: ftfy undoes that mojibake
                text = ftfy.fix_encoding(line.decode(codec))
            except UnicodeDecodeError:
                return None
            bad.append(n)
        out.append(text)
    if not utf8_lines or not bad:
        return None
    shown = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
    which = f"line {shown} is" if len(bad) == 1 else f"lines {shown} are"
    return Decoded(
        "\n".join(out),
        "utf-8",
        (f"mixed encodings: {which} not valid UTF-8; repaired by reading as {fallback}",),
    )


def _bomless_utf16(data: bytes) -> Decoded:
    """UTF-16 without a BOM shows NUL in every other byte; anything else with NUL bytes is binary."""
    if len(data) % 2 == 0 and len(data) >= 4:
        even_nuls = data[0::2].count(0) / (len(data) / 2)
        odd_nuls = data[1::2].count(0) / (len(data) / 2)
        for encoding, share in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
            if share > 0.6:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    break
                return Decoded(text, encoding, (f"decoded as {encoding.upper()} without a byte order mark",))
    return Decoded(None, None, (), "binary file (contains NUL bytes)")


def _legacy(data: bytes, *, fallback: str) -> Decoded:
    """Not UTF-8: ask charset-normalizer, but prefer the configured fallback for Western text.

    On short texts charset-normalizer often picks a neighbouring code page (cp1250 for cp1252,
    turning "naïve" into "naďve"), so when its guess is a Latin single-byte page and the fallback
    decodes cleanly, the fallback wins.
    """
    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    try:
        text = data.decode(fallback)
    except UnicodeDecodeError:
        text = None
    if text is not None and (guess is None or _LATIN_FAMILY.match(guess) or _mostly_ascii(text)):
        return Decoded(text, fallback, (f"not valid UTF-8; decoded as {fallback}",))
    if best is not None and guess is not None:
        return Decoded(str(best), guess, (f"not valid UTF-8; decoded as {guess} (detected)",))
    return Decoded(None, None, (), f"not text: not valid UTF-8 and not decodable as {fallback}")


def _mostly_ascii(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    return sum(1 for c in letters if not c.isascii()) / len(letters) < 0.1


def _control_ratio(text: str) -> float:
    """The share of control characters (Unicode category Cc) other than tab, line and page breaks."""
    if not text:
        return 0.0
    return (len(text) - len(_CONTROLS.sub("", text))) / len(text)


def _check_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """Warn about double-encoded UTF-8; repair only when the whole text round-trips strictly."""
    hits = _MOJIBAKE.findall(text)
    if not hits:
        return text, ()
    sample = ", ".join(sorted(set(hits))[:3])
    try:
        repaired = _as_cp1252_bytes(text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        repaired = None
    if repaired is not None and not _MOJIBAKE.search(repaired):
        return repaired, (
            f"text looked double-encoded UTF-8 ({len(hits)} sequences such as {sample}); repaired",
        )
    return text, (
        f"text looks double-encoded UTF-8 ({len(hits)} sequences such as {sample}); left unrepaired "
        "because the whole text does not round-trip safely",
    )


def _as_cp1252_bytes(text: str) -> bytes:
    """Undo a cp1252 misreading; bytes cp1252 leaves undefined come back as C1 characters (latin-1)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                raise
            out.append(ord(char))
    return bytes(out)
