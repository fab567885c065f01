"""Printable handouts: a one-page routine card and a principle sheet per notebook.

Each handout is written twice: as HTML (a Jinja2 template with print CSS, every text
autoescaped) and as PDF (fpdf2, pure Python). The PDF uses the DejaVu Sans font that ships
with matplotlib, so every character of the course prints; without it, a core font is used
and characters it cannot encode are replaced.

    card = write_routine_card(routine, catalog, "handouts")   # Handout(html=..., pdf=..., pages=1)
    sheet = write_principle_sheet("05_sequencing", "handouts")
    build_all("build/handouts")                               # what `coursekit handouts` runs

A routine card always fits on ONE page: when a long routine would spill over, the card is
laid out again with a smaller font, fewer cues and a smaller timeline until it fits.

The HTML card draws its timeline as inline SVG (vector, so it prints sharp; no matplotlib);
the PDF embeds the same picture drawn by matplotlib as a PNG.

Costs: the HTML card takes milliseconds; the PDF draws its PNG once per card. fpdf2 parses the font files in ``add_font``, once per document, and a parsed font
cannot serve two written documents (``output`` subsets it in place), so every PDF reads
DejaVu once; the layout attempts of one card are copies of one blank document (fpdf2 copies
a document with its parsed fonts shared), and an attempt stops at its first page break.
"""

from __future__ import annotations

import copy
import functools
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursekit.content.tempo import LEGEND
from coursekit.errors import InvalidModel

if TYPE_CHECKING:
    from coursekit.content.catalog import Catalog
    from coursekit.content.syllabus import Principle, Reference
    from coursekit.engine.routines import Routine

__all__ = [
    "TEMPLATES",
    "PAIN_LINE",
    "safety_line",
    "FOOTER",
    "MAX_SLUG",
    "Handout",
    "slugify",
    "confined_path",
    "render_template",
    "timeline_png",
    "routine_card_context",
    "routine_card_html",
    "routine_card_pdf",
    "write_routine_card",
    "principle_sheet_context",
    "principle_sheet_html",
    "principle_sheet_pdf",
    "write_principle_sheet",
    "handout_jobs",
    "build_all",
    "summary",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: After the red flags, the pain-monitoring rule every handout repeats ([silbernagel2007]).
PAIN_LINE = (
    "Some discomfort while exercising is fine if it stays at 5/10 or less and settles by the next morning."
)


def safety_line() -> str:
    """The safety line printed on every handout: the red-flag summary of the course data."""
    from coursekit.engine.red_flags import red_flag_data

    return f"{red_flag_data().summary} {PAIN_LINE}"


FOOTER = "coursekit · a teaching handout: it teaches exercise, it does not diagnose."
MAX_SLUG = 60
_PLAN_NOTES = {
    "A": (
        "Plan A is your normal-day routine. On a flare-up day, switch to the plan-B routine for "
        "this moment of the day: fewer, gentler exercises, and keep moving."
    ),
    "B": (
        "Plan B is your flare-up-day routine: short and gentle, to keep moving while things "
        "settle. Go back to plan A when pain during exercise stays at 5/10 or less and has "
        "settled by the next morning."
    ),
}
_PLAN_TEXT = {"A": "plan A (normal day)", "B": "plan B (flare-up day)"}
_SLOT_TEXT = {
    "morning": "Morning",
    "office": "Office",
    "travel": "Travel",
    "evening": "Evening",
    "custom": "Any time",
}
_EVIDENCE_NOTES = {
    "guideline-backed": "Guideline-backed: clinical practice guidelines recommend this.",
    "consistent with evidence": (
        "Consistent with evidence: trials and reviews support the idea, "
        "though not every detail has been tested."
    ),
    "teaching heuristic": (
        "Teaching heuristic: a practical way to organise practice, not a tested treatment rule."
    ),
}
# How tightly a routine card is laid out, from roomy to compact; the first that fits one page wins.
_CARD_LEVELS = (
    {"font": 9.5, "cues": 2, "image_w": 182, "line": 1.35},
    {"font": 8.5, "cues": 1, "image_w": 150, "line": 1.3},
    {"font": 7.5, "cues": 1, "image_w": 120, "line": 1.25},
    {"font": 6.5, "cues": 0, "image_w": 100, "line": 1.2},
    {"font": 6.0, "cues": 0, "image_w": 0, "line": 1.15},
)


@dataclass(frozen=True, slots=True)
class Handout:
    """One handout written to disk: its kind, title, HTML and PDF files and page count.

    ``pdf`` is None when only the HTML was written (``write_routine_card(..., pdf=False)``).
    """

    kind: str  # "routine card" | "principle sheet"
    title: str
    html: Path
    pdf: Path | None
    pages: int

    @property
    def size(self) -> int:
        """Bytes of the files written, together."""
        return sum(p.stat().st_size for p in (self.html, self.pdf) if p is not None)

    def __repr__(self) -> str:
        return f"Handout({self.kind}: {self.title!r}, {self.pages} page{'s' if self.pages != 1 else ''})"


# ---------------------------------------------------------------------------------------
# File names


def slugify(text: str, *, default: str = "routine") -> str:
    """A safe file stem: lower-case ASCII letters, digits and hyphens (``'../../x'`` -> ``'x'``)."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    return slug or default


def confined_path(folder: str | os.PathLike[str], name: str, suffix: str) -> Path:
    """``folder/<slug of name><suffix>``; the result can never leave ``folder``."""
    if not str(folder).strip():
        raise InvalidModel("choose a folder to write into")
    base = Path(folder).expanduser()
    path = base / f"{slugify(name)}{suffix}"
    if path.resolve().parent != base.resolve():  # cannot happen with a slug; checked anyway
        raise InvalidModel(f"{name!r} would be written outside {base}")
    return path


# ---------------------------------------------------------------------------------------
# Shared pieces


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(template: str, **context: Any) -> str:
    """Render one handout template; every value is HTML-escaped."""
    return _environment().get_template(template).render(**context)


@functools.cache
def _dejavu() -> tuple[Path, Path] | None:
    """DejaVu Sans (regular, bold) as shipped inside matplotlib, if present."""
    try:
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    except Exception:  # pragma: no cover - matplotlib is a dependency
        return None
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    return (regular, bold) if regular.is_file() and bold.is_file() else None


_LATIN1 = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "→": "->",
        "≤": "<=",
        "≥": ">=",
        "•": "-",
        "−": "-",
    }
)


class _PageFull(Exception):
    """Raised by a one-page document at its first page break: this layout does not fit."""


@functools.cache
def _fpdf_class() -> type:
    """FPDF that, with ``one_page`` set, raises :class:`_PageFull` instead of adding a page."""
    from fpdf import FPDF

    class OnePageFPDF(FPDF):
        one_page = False

        @property
        def accept_page_break(self) -> bool:
            # fpdf2 asks this (documented as the hook to override) whenever content would
            # cross the bottom margin, before it adds a page.
            if self.one_page and self.auto_page_break:
                raise _PageFull
            return super().accept_page_break

    return OnePageFPDF


@dataclass(frozen=True, slots=True)
class _Blank:
    """An A4 document with margins and the course font, no page yet; never written itself."""

    pdf: Any
    family: str
    unicode: bool

    @classmethod
    def new(cls) -> _Blank:
        pdf = _fpdf_class()(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(14, 12, 14)
        pdf.set_auto_page_break(True, margin=12)
        pdf.set_creator("coursekit")
        fonts = _dejavu()
        if fonts:  # fpdf2 reads and parses each font file here (the slow part)
            pdf.add_font("DejaVu", "", str(fonts[0]))
            pdf.add_font("DejaVu", "B", str(fonts[1]))
            return cls(pdf, "DejaVu", True)
        return cls(pdf, "Helvetica", False)  # pragma: no cover - matplotlib ships DejaVu

    def copy(self) -> Any:
        """A copy of the blank document to lay out and write; the fonts are not read again.

        fpdf2 copies a document with its fonts' parsed tables shared (``TTFFont.__deepcopy__``,
        what its ``offset_rendering`` relies on) but their width and glyph maps copied; those
        are only read once a font is added, so they are shared too (copying them is nearly all
        the cost of a copy).
        """
        memo: dict[int, Any] = {}
        for font in self.pdf.fonts.values():
            for name in ("cw", "glyph_ids"):
                shared = getattr(font, name, None)
                if shared is not None:
                    memo[id(shared)] = shared
        return copy.deepcopy(self.pdf, memo)


class _Pdf:
    """A thin wrapper over fpdf2 with the course font and a few layout helpers.

    With ``blank``, the document is a copy of it (:meth:`_Blank.copy`): its fonts are not
    read again. Only one copy of a blank may be written (``output`` subsets the shared font
    tables in place), so a blank lives as long as one handout.
    ``one_page=True``: raise :class:`_PageFull` rather than start a second page.
    """

    def __init__(
        self,
        *,
        font_size: float = 10,
        line: float = 1.35,
        blank: _Blank | None = None,
        one_page: bool = False,
    ) -> None:
        if blank is None:
            blank = _Blank.new()
            self.pdf = blank.pdf
        else:
            self.pdf = blank.copy()
        self.family, self.unicode = blank.family, blank.unicode
        self.pdf.one_page = one_page
        self.size = font_size
        self.line = line
        self.pdf.add_page()

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float | None = None, *, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size or self.size)

    def para(
        self,
        value: str,
        *,
        size: float | None = None,
        bold: bool = False,
        colour: tuple[int, int, int] = (26, 26, 26),
        gap: float = 1.0,
    ) -> None:
        self.font(size, bold=bold)
        self.pdf.set_text_color(*colour)
        h = (size or self.size) * 0.3528 * self.line
        self.pdf.multi_cell(0, h, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_text_color(26, 26, 26)
        self.pdf.ln(gap)

    def heading(self, value: str, size: float) -> None:
        self.para(value, size=size, bold=True, gap=0.5)
        y = self.pdf.get_y()
        self.pdf.set_draw_color(180, 180, 180)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(1.2)

    def bullets(self, values: Iterable[str], *, size: float | None = None) -> None:
        self.font(size)
        h = (size or self.size) * 0.3528 * self.line
        for value in values:
            self.pdf.set_x(self.pdf.l_margin + 2)
            self.pdf.multi_cell(
                0,
                h,
                self.text(f"• {value}" if self.unicode else f"- {value}"),
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        self.pdf.ln(1)

    def safety(self, value: str, *, size: float | None = None) -> None:
        size = size or self.size
        self.pdf.set_draw_color(163, 20, 30)
        self.pdf.set_line_width(0.5)
        self.font(size, bold=True)
        self.pdf.set_text_color(163, 20, 30)
        h = size * 0.3528 * self.line
        self.pdf.multi_cell(
            0, h, self.text("Safety: " + value), border=1, padding=2, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.pdf.set_text_color(26, 26, 26)
        self.pdf.set_line_width(0.2)
        self.pdf.ln(1.5)

    @property
    def pages(self) -> int:
        return self.pdf.pages_count

    def output(self) -> bytes:
        return bytes(self.pdf.output())


# ---------------------------------------------------------------------------------------
# Routine card


def _duration(seconds: float) -> str:
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    return f"{secs} s" if not minutes else f"{minutes} min" + (f" {secs} s" if secs else "")


def timeline_png(routine: Routine, catalog: Catalog, *, dpi: int = 150) -> bytes:
    """The routine's timeline (coloured by phase) as PNG bytes, small enough for a card."""
    from matplotlib.figure import Figure

    from coursekit.plots.timeline import routine_timeline

    n = len(routine.items)
    fig = Figure(figsize=(7.0, 1.5 + 0.26 * max(n, 2)), layout="constrained")
    name = routine.name.replace("$", r"\$")  # a $ would start mathtext
    title = f"{name}: {_duration(routine.duration_s(catalog))}" if n else name
    routine_timeline(routine, catalog, ax=fig.subplots(), title=title, fontsize=8)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def routine_card_context(routine: Routine, catalog: Catalog, *, cues: int = 2) -> dict[str, Any]:
    """Everything a routine card shows, as plain values (the templates escape them)."""
    from coursekit.engine.critique import critique

    routine.check(catalog)
    items = []
    for i, it in enumerate(routine.items):
        ex = catalog[it.exercise]
        tempo = it.tempo_in(catalog)
        dose = it.dose_text().split(", tempo")[0]  # the tempo has its own column
        items.append(
            {
                "number": i + 1,
                "name": ex.name,
                "phase": it.phase_in(catalog),
                "dose": dose,
                "tempo": str(tempo) if tempo is not None else "-",
                "cues": list(ex.cues[:cues]),
            }
        )
    findings = critique(routine, catalog)
    if findings:
        codes = ", ".join(dict.fromkeys(f.code for f in findings))
        critique_line = (
            f"Course critique: {len(findings)} finding{'s' if len(findings) != 1 else ''} "
            f"({codes}); open the routine builder to see each fix."
        )
    else:
        critique_line = "Course critique: no findings; this routine follows every rule the course teaches."
    n = len(routine.items)
    duration_s = routine.duration_s(catalog)
    return {
        "name": routine.name,
        "slot": routine.slot,
        "plan": routine.plan,
        "slot_text": _SLOT_TEXT[routine.slot],
        "plan_text": _PLAN_TEXT[routine.plan],
        "minutes": max(1, round(duration_s / 60)) if n else 0,
        "duration": _duration(duration_s),
        "tut": _duration(routine.time_under_tension_s(catalog)),
        "count": "no exercises" if not n else f"{n} exercise{'s' if n != 1 else ''}",
        "items": items,
        "tempo_legend": LEGEND,
        "plan_note": _PLAN_NOTES[routine.plan],
        "critique_line": critique_line,
        "safety": safety_line(),
        "footer": FOOTER,
    }


def routine_card_html(routine: Routine, catalog: Catalog, *, figure: bool = True) -> str:
    """The routine card as a standalone HTML page (print CSS, A4, timeline as inline SVG).

    The SVG comes from :func:`coursekit.plots.timeline.routine_timeline_svg`, which escapes
    every text in it (the routine name is learner text); ``figure=False`` leaves it out.
    """
    from coursekit.plots.timeline import routine_timeline_svg

    context = routine_card_context(routine, catalog)
    svg = routine_timeline_svg(routine, catalog, id_prefix="card") if figure else ""
    context.update(figure=svg)
    return render_template("routine_card.html", **context)


def _card_pdf(
    context: dict[str, Any],
    png: bytes,
    level: dict[str, Any],
    *,
    blank: _Blank | None = None,
    one_page: bool = True,
) -> _Pdf:
    """The card laid out at one level; :class:`_PageFull` (with ``one_page``) when it needs
    a second page."""
    size = level["font"]
    doc = _Pdf(font_size=size, line=level["line"], blank=blank, one_page=one_page)
    pdf = doc.pdf
    doc.para(context["name"], size=size + 7, bold=True, gap=0.5)
    doc.para(
        f"{context['slot_text']} · {context['plan_text']} · about {context['minutes']} min "
        f"({context['duration']}; {context['tut']} under tension) · {context['count']}",
        colour=(85, 85, 85),
        gap=1.5,
    )
    if png and level["image_w"]:
        width = level["image_w"]
        pdf.image(io.BytesIO(png), x=pdf.l_margin + (182 - width) / 2, w=width)
        pdf.ln(1.5)
    doc.heading("The routine", size + 2)
    doc.font(size)
    cues = bool(level["cues"])
    widths = (6, 36, 21, 39, 15, 65) if cues else (6, 58, 24, 60, 20)
    headings = ("#", "Exercise", "Phase", "Dose", "Tempo", "Cues")[: len(widths)]
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=size * 0.3528 * level["line"],
        first_row_as_headings=True,
        padding=0.8,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for h in headings:
            row.cell(doc.text(h))
        for it in context["items"]:
            row = table.row()
            values = [str(it["number"]), it["name"], it["phase"], it["dose"], it["tempo"]]
            if cues:
                values.append("\n".join(it["cues"][: level["cues"]]))
            for v in values:
                row.cell(doc.text(v))
    pdf.ln(1)
    doc.para(f"Tempo: {context['tempo_legend']}.", size=size - 1, colour=(85, 85, 85), gap=1.5)
    doc.heading("Plan A and plan B", size + 2)
    doc.para(context["plan_note"], gap=1)
    doc.para(context["critique_line"], size=size - 1, colour=(85, 85, 85), gap=1.5)
    doc.safety(context["safety"], size=size)
    doc.para(context["footer"], size=size - 1.5, colour=(85, 85, 85), gap=0)
    return doc


def routine_card_pdf(routine: Routine, catalog: Catalog, *, png: bytes | None = None) -> bytes:
    """The routine card as a ONE-page A4 PDF (laid out more tightly until it fits).

    ``png``: the timeline from :func:`timeline_png`, when the caller has drawn it already.
    """
    context = routine_card_context(routine, catalog)
    if png is None:
        png = timeline_png(routine, catalog)
    blank = _Blank.new()  # the fonts are read once for every layout attempt of this card
    for level in _CARD_LEVELS:
        full = dict(context, items=[dict(it, cues=it["cues"][: level["cues"]]) for it in context["items"]])
        try:
            doc = _card_pdf(full, png, level, blank=blank)
        except _PageFull:
            continue
        return doc.output()
    raise InvalidModel(
        f"routine {routine.name!r} has too many items ({len(routine.items)}) "
        "for a one-page card; split it into two routines"
    )


def write_routine_card(
    routine: Routine,
    catalog: Catalog,
    folder: str | os.PathLike[str],
    *,
    stem: str | None = None,
    pdf: bool = True,
) -> Handout:
    """Write ``<slug>.html`` and ``<slug>.pdf`` (the slug of the routine name) into ``folder``.

    ``pdf=False`` writes the HTML card only (``Handout.pdf`` is then None): it takes a few
    milliseconds, where the PDF draws its timeline with matplotlib and lays out the page.
    """
    html_path = confined_path(folder, stem or routine.name, ".html")
    pdf_path = html_path.with_suffix(".pdf") if pdf else None
    routine.check(catalog)  # an unknown exercise is reported as such, before anything is drawn
    html_text = routine_card_html(routine, catalog)
    pdf_bytes = routine_card_pdf(routine, catalog) if pdf else None
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(html_text, encoding="utf-8")
    if pdf_path is not None and pdf_bytes is not None:
        pdf_path.write_bytes(pdf_bytes)
    return Handout("routine card", routine.name, html_path, pdf_path, 1)


# ---------------------------------------------------------------------------------------
# Principle sheet


def principle_sheet_context(principle: Principle, references: dict[str, Reference]) -> dict[str, Any]:
    """Everything a principle sheet shows, as plain values."""
    missing = [k for k in principle.references if k not in references]
    if missing:
        raise InvalidModel(f"{principle.notebook}: unknown reference key {missing[0]!r}")
    return {
        "notebook": principle.notebook,
        "heading": f"{principle.notebook[:2]} · {principle.title}",
        "principle": principle.principle,
        "evidence": principle.evidence,
        "evidence_note": _EVIDENCE_NOTES[principle.evidence],
        "summary": principle.summary,
        "objectives": [o.text for o in principle.objectives],
        "takeaways": list(principle.takeaways),
        "references": [{"key": k, "citation": references[k].citation} for k in principle.references],
        "safety": safety_line(),
        "footer": FOOTER,
    }


def principle_sheet_html(principle: Principle, references: dict[str, Reference]) -> str:
    """The principle sheet as a standalone HTML page."""
    return render_template("principle_sheet.html", **principle_sheet_context(principle, references))


def principle_sheet_pdf(principle: Principle, references: dict[str, Reference]) -> tuple[bytes, int]:
    """The principle sheet as PDF bytes and its page count."""
    c = principle_sheet_context(principle, references)
    doc = _Pdf(font_size=10.5)
    doc.para(c["heading"], size=18, bold=True, gap=0.5)
    doc.para(f"Notebook {c['notebook']} · evidence status: {c['evidence']}", colour=(85, 85, 85), gap=2)
    doc.para(c["principle"], bold=True, gap=1)
    doc.para(c["summary"], gap=1)
    doc.para(c["evidence_note"], size=9, colour=(85, 85, 85), gap=2)
    doc.heading("Learning objectives", 12)
    doc.bullets(c["objectives"])
    doc.heading("Key takeaways", 12)
    doc.bullets(c["takeaways"])
    doc.heading("References", 12)
    doc.bullets([f"[{r['key']}] {r['citation']}" for r in c["references"]], size=9)
    doc.safety(c["safety"], size=9.5)
    doc.para(c["footer"], size=8, colour=(85, 85, 85), gap=0)
    return doc.output(), doc.pages


def write_principle_sheet(
    notebook: str, folder: str | os.PathLike[str], *, data: str | os.PathLike[str] | None = None
) -> Handout:
    """Write ``<notebook>.html`` and ``<notebook>.pdf`` into ``folder``."""
    from coursekit.content.syllabus import load_references, principle

    p = principle(notebook, data)
    refs = load_references(data)
    html_path = confined_path(folder, p.notebook, ".html")
    pdf_path = html_path.with_suffix(".pdf")
    pdf_bytes, pages = principle_sheet_pdf(p, refs)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(principle_sheet_html(p, refs), encoding="utf-8")
    pdf_path.write_bytes(pdf_bytes)
    return Handout("principle sheet", f"{p.notebook[:2]} · {p.title}", html_path, pdf_path, pages)


# ---------------------------------------------------------------------------------------
# Everything at once


def handout_jobs(
    folder: str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
    data: str | os.PathLike[str] | None = None,
) -> list[tuple[str, Callable[[], Handout]]]:
    """The handouts ``build_all`` writes, as (label, job) pairs: every principle sheet into
    ``folder/principles``, and a card of every example routine into ``folder/routines``.

    Example routines whose file name starts with ``mistake`` are deliberate mistakes for the
    critique to find; they get no card, so that no learner pins a bad routine to the fridge.
    """
    from coursekit.content.catalog import load_catalog
    from coursekit.content.syllabus import load_principles
    from coursekit.engine.routines import load_example_routines

    folder = Path(folder)
    catalog = catalog if catalog is not None else load_catalog(data)
    jobs: list[tuple[str, Callable[[], Handout]]] = []
    for p in load_principles(data):
        jobs.append(
            (p.notebook, lambda nb=p.notebook: write_principle_sheet(nb, folder / "principles", data=data))
        )
    for stem, routine in load_example_routines(catalog, data).items():
        if stem.startswith("mistake"):
            continue
        jobs.append(
            (stem, lambda r=routine, s=stem: write_routine_card(r, catalog, folder / "routines", stem=s))
        )
    return jobs


def build_all(
    folder: str | os.PathLike[str],
    *,
    catalog: Catalog | None = None,
    data: str | os.PathLike[str] | None = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> list[Handout]:
    """Write every principle sheet and example routine card; ``progress`` wraps the job list."""
    jobs = handout_jobs(folder, catalog=catalog, data=data)
    steps = progress(jobs) if progress is not None else jobs
    return [job() for _label, job in steps]


def summary(handouts: list[Handout], folder: str | os.PathLike[str]) -> str:
    """One line per handout, then the totals: files, PDF pages, size."""
    lines = []
    for h in handouts:
        rel = h.pdf.relative_to(Path(folder)) if h.pdf.is_relative_to(Path(folder)) else h.pdf
        lines.append(
            f"  {h.kind:<16} {str(rel.with_suffix('')):<40} {h.pages} page{'s' if h.pages != 1 else ' '}"
            f"  {h.size / 1024:7.1f} KB"
        )
    sheets = sum(h.kind == "principle sheet" for h in handouts)
    cards = len(handouts) - sheets
    pages = sum(h.pages for h in handouts)
    size = sum(h.size for h in handouts)
    lines.append(
        f"Wrote {2 * len(handouts)} files ({sheets} principle sheets, {cards} routine cards; "
        f"HTML and PDF), {pages} PDF pages, {size / 1024 / 1024:.2f} MB in {folder}"
    )
    return "\n".join(lines)
