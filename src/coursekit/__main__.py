"""``python -m coursekit`` runs the command line."""

import sys

from coursekit.cli.main import main

sys.exit(main())
