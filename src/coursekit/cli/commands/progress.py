"""``coursekit progress``: the learner's summary, optionally as a self-contained HTML report."""

from __future__ import annotations

import argparse
import base64
import html
import io
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from coursekit.cli.commands._common import add_journal_options
from coursekit.errors import CourseKitError
from coursekit.journal.store import PAIN_HEURISTIC, Journal, Progress, journal_path
from coursekit.quiz.review import ReviewItem

NAME = "progress"
HELP = "Show your quiz scores, calibration, reviews due, sessions and pain trend."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options: --journal, --today, --html."""
    add_journal_options(parser, today_help="the day to report on (default: today)")
    parser.add_argument(
        "--html",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write a self-contained HTML report with plots",
    )


def run(args: argparse.Namespace) -> int:
    """Print the summary (and write the HTML report); 1 on a CourseKitError."""
    path = args.journal or journal_path()
    today = args.today or date.today()
    try:
        if not path.exists():
            print(f"No journal yet at {path}: answer a quiz or log a session to start one.")
            return 0
        with Journal.open(path, readonly=True) as journal:
            progress = journal.progress(today)
            due = journal.due_items(today)
        print(progress)
        if args.html is not None:
            args.html.write_text(render_html(progress, due), encoding="utf-8")
            print(f"Wrote the report to {args.html}")
    except (CourseKitError, OSError) as exc:
        print(f"coursekit: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


# ------------------------------------------------------------------ HTML report

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; } td, th { padding: .25rem .75rem; text-align: left;
       border-bottom: 1px solid #ddd; }
img { max-width: 100%; } .flag { background: #fff4e0; padding: .5rem .75rem; }
@media print { h2 { break-after: avoid; } img { break-inside: avoid; } }
"""


def render_html(progress: Progress, due: Sequence[ReviewItem] = ()) -> str:
    """The progress report as one HTML page; every piece of learner text is escaped."""
    e = html.escape
    who = progress.learner or "(no name set)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Progress report: {e(who)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Progress report: {e(who)}</h1>",
        f"<p>As of {e(progress.today.isoformat())}.</p>",
        "<h2>Quizzes</h2>",
    ]
    if progress.quizzes:
        parts.append(
            "<table><tr><th>Quiz</th><th>Runs</th><th>Best</th><th>Last</th><th>Last attempt</th></tr>"
        )
        parts += [
            f"<tr><td>{e(q.quiz)}</td><td>{q.runs}</td><td>{q.best:.0%}</td>"
            f"<td>{q.last:.0%}</td><td>{e(q.last_at.date().isoformat())}</td></tr>"
            for q in progress.quizzes
        ]
        parts.append("</table>")
        height = 1.4 + 0.6 * len(progress.quizzes)  # one row of bars per quiz
        parts.append(_figure(_draw_scores, progress, _scores_alt(progress), height=height))
    else:
        parts.append("<p>No quiz answered yet.</p>")

    parts.append("<h2>Calibration</h2>")
    parts.append("<ul>" + "".join(f"<li>{e(c.comment)}</li>" for c in progress.calibration) + "</ul>")
    if any(c.n for c in progress.calibration):
        parts.append(_figure(_draw_calibration, progress, _calibration_alt(progress)))

    parts.append("<h2>Spaced review</h2>")
    if due:
        parts.append(f"<p>{len(due)} question(s) due on {e(progress.today.isoformat())}:</p>")
        parts.append("<ul>" + "".join(f"<li>{e(str(item))}</li>" for item in due) + "</ul>")
    elif progress.next_review is not None:
        parts.append(f"<p>Nothing due; next review on {e(progress.next_review.isoformat())}.</p>")
    else:
        parts.append("<p>Nothing to review yet.</p>")

    parts.append("<h2>Training and pain</h2>")
    parts.append(f"<p>Sessions logged: {progress.sessions} ({progress.minutes:g} min in total).</p>")
    note_class = ' class="flag"' if progress.pain_rising else ""
    parts.append(f"<p{note_class}>{e(progress.pain_note())}</p>")
    if progress.pain_weeks:
        parts.append(_figure(_draw_pain, progress, _pain_alt(progress)))
    parts.append(f"<p><small>Pain flags in this report are {e(PAIN_HEURISTIC)}.</small></p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _figure(draw: Callable[..., Any], progress: Progress, alt: str, *, height: float = 3.2) -> str:
    """Draw one plot off-screen and return it as an <img> with a base64 PNG and alt text."""
    # Figure + Agg canvas directly: no pyplot, so no global backend switch and no figure left
    # open in a notebook that calls this.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    try:
        draw(progress, ax=fig.add_subplot())
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
    finally:
        fig.clear()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"></p>'


def _draw_scores(progress: Progress, *, ax: Any) -> Any:
    names = [q.quiz for q in progress.quizzes]
    rows = range(len(names))
    ax.barh([y + 0.2 for y in rows], [q.best * 100 for q in progress.quizzes], height=0.4, label="best")
    ax.barh([y - 0.2 for y in rows], [q.last * 100 for q in progress.quizzes], height=0.4, label="last")
    ax.set_yticks(list(rows), names)
    ax.set_xlim(0, 100)
    ax.set_xlabel("score (%)")
    ax.legend(loc="lower right")
    return ax


def _scores_alt(progress: Progress) -> str:
    return (
        "Bar chart of quiz scores: "
        + "; ".join(f"{q.quiz} best {q.best:.0%}, last {q.last:.0%}" for q in progress.quizzes)
        + "."
    )


def _draw_calibration(progress: Progress, *, ax: Any) -> Any:
    levels = [c for c in progress.calibration if c.n]
    ax.bar([c.confidence.replace("_", " ") for c in levels], [100 * (c.fraction or 0) for c in levels])
    ax.set_ylim(0, 100)
    ax.set_ylabel("right (%)")
    return ax


def _calibration_alt(progress: Progress) -> str:
    return (
        "Bar chart of how often you were right at each confidence level: "
        + "; ".join(
            f"{c.confidence.replace('_', ' ')} {c.n_correct} of {c.n}" for c in progress.calibration if c.n
        )
        + "."
    )


def _draw_pain(progress: Progress, *, ax: Any) -> Any:
    weeks = progress.pain_weeks
    ax.plot([w.week for w in weeks], [w.mean for w in weeks], marker="o")
    ax.set_ylim(0, 10)
    ax.set_ylabel("next-morning pain (0–10)")
    ax.set_xlabel("ISO week")
    return ax


def _pain_alt(progress: Progress) -> str:
    return (
        "Line chart of mean next-morning pain per ISO week: "
        + "; ".join(f"{w.week} {w.mean:.1f}" for w in progress.pain_weeks)
        + "."
    )
