"""The output writer: the only place that writes briefing files, always atomically.

Every format is rendered in memory first, so a renderer failure leaves no half-written set; each file
is then written to a temporary file in the target directory and renamed over its final name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing.errors import ConfigError, OutputError, OutputExistsError
from briefing.models import Briefing

FORMATS: tuple[str, ...] = ("md", "pdf", "json", "html")

Renderer = Callable[[Briefing], bytes]


def _renderers(font_paths: Sequence[Path]) -> dict[str, Renderer]:
    # Imported lazily so that `briefing sources` does not pay for typst and Jinja2.
    from briefing.render import render_html, render_json, render_markdown, render_pdf

    return {
        "md": lambda b: render_markdown(b).encode("utf-8"),
        "pdf": lambda b: render_pdf(b, font_paths=font_paths),
        "json": lambda b: render_json(b).encode("utf-8"),
        "html": lambda b: render_html(b).encode("utf-8"),
    }


def parse_formats(spec: str) -> tuple[str, ...]:
    """``"md,pdf"`` -> ``("md", "pdf")``, rejecting unknown names with the list of known ones."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in spec.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ConfigError(
            f"unknown format {', '.join(unknown) or repr(spec)}; choose from {', '.join(FORMATS)}"
        )
    return names


def output_paths(out_dir: Path, stem: str, formats: Sequence[str]) -> dict[str, Path]:
    return {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}


def check_output(out_dir: Path, stem: str, formats: Sequence[str], *, force: bool) -> None:
    """Refuse, before any work is done, an output folder that cannot be used or files that exist.

    ``ConfigError`` when ``out_dir`` is a file or lies under one, ``OutputExistsError`` when a
    target exists and ``force`` is false. (A folder that turns out unwritable is reported when
    writing, as ``OutputError``.)
    """
    ancestor = out_dir
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        where = "is a file" if ancestor == out_dir else f"is inside {ancestor}, which is a file"
        raise ConfigError(f"cannot write the briefing to {out_dir}: it {where}; choose another --out")
    if not force:
        for path in output_paths(out_dir, stem, formats).values():
            if path.exists():
                raise OutputExistsError(
                    f"{path} already exists; pass --force to overwrite it", path=str(path)
                )


def write_briefing(
    briefing: Briefing,
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    stem: str | None = None,
    font_paths: Sequence[Path] = (),
) -> list[Path]:
    """Write ``OUT/<date>-briefing.<fmt>`` for each format and return the paths written.

    Refuses (``OutputExistsError``) when any target exists and ``force`` is false, before writing
    anything, so a scheduled run never clobbers yesterday's briefing by accident. ``font_paths``
    are extra font folders for the PDF (e.g. a CJK font).
    """
    targets = output_paths(out_dir, stem or f"{briefing.briefing_date}-briefing", formats)
    if not force:
        existing = [p for p in targets.values() if p.exists()]
        if existing:
            raise OutputExistsError(
                f"{existing[0]} already exists; pass --force to overwrite it", path=str(existing[0])
            )
    renderers = _renderers(font_paths)
    rendered = {fmt: renderers[fmt](briefing) for fmt in targets}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for fmt, path in targets.items():
            atomic_write(path, rendered[fmt])
    except OSError as exc:
        raise OutputError(
            f"cannot write the briefing to {out_dir}: {exc.strerror or exc}", path=str(out_dir)
        ) from exc
    return list(targets.values())


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
