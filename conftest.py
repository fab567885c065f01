"""Root test configuration: tests and notebook kernels never touch a learner's files.

Setting ``COURSEKIT_HOME`` and ``COURSEKIT_CACHE`` here, before any test or kernel starts,
points the learner journal and the parse cache at throw-away folders for the whole run
(nbval kernels inherit the environment).
"""

import os
import tempfile

os.environ["COURSEKIT_HOME"] = tempfile.mkdtemp(prefix="coursekit-test-home-")
os.environ["COURSEKIT_CACHE"] = tempfile.mkdtemp(prefix="coursekit-test-cache-")
