"""Team mode costs a single-user window nothing at start: the session (imported while the
window starts) loads neither psycopg nor SQLModel and the team's table definitions; they
load when a team store is opened."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
import stacklens_desktop.ui.session
loaded = {m.split(".")[0] for m in sys.modules}
print(sorted(loaded & {"psycopg", "sqlmodel"}),
      "stacklens_desktop.store.team.tables" in sys.modules)
"""


def test_the_session_loads_no_team_driver_or_tables() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True, env=env).stdout.strip()
    assert out == "[] False"
