"""coursekit: a Jupyter course kit that teaches exercise therapy for the back.

The top-level import is light on purpose: it loads no UI library and no pandas. Import
what you need from the modules (``coursekit.content.catalog``, ``coursekit.engine.routines``, ...).
"""

__version__ = "0.1.0"

from coursekit.errors import CourseKitError, DataFileError, InvalidModel, JournalError

__all__ = ["CourseKitError", "DataFileError", "InvalidModel", "JournalError", "__version__"]
