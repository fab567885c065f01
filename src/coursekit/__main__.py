"""``python -m coursekit`` runs the command line."""

import sys

from coursekit.cli import main

sys.exit(main())
