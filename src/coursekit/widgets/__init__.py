"""The widgets of the course: views over core functions, driven from Python or the browser.

Each topic lives in its own module (``widgets/quiz.py``, ``widgets/builder.py``, ...) and
lists its widgets in ``__all__``; they are re-exported here lazily, so
``from coursekit.widgets import QuizCard`` imports only what it needs.
"""

from coursekit._lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, __path__, "widget")
