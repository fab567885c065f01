"""Root test configuration: tests and notebook kernels never touch a learner's files.

Setting ``COURSEKIT_HOME`` here, before any test or kernel starts, points the learner
journal at a throw-away folder for the whole run (nbval kernels inherit the environment).
"""

import os
import tempfile

os.environ["COURSEKIT_HOME"] = tempfile.mkdtemp(prefix="coursekit-test-home-")
