"""Run a command and report its peak resident memory, measured from a process that is small.

    python bench/peak.py COMMAND [ARG ...]

The command's output passes through; its exit code is this one's; the last line on stderr is
``peak-kib N``. A process started straight from a large one (the fleet run, holding thousands
of results) inherits that one's resident memory until it execs, and the kernel counts it in
the child's ``ru_maxrss``; started from here, the child's figure is its own.
"""

from __future__ import annotations

import os
import subprocess
import sys


def main() -> None:
    process = subprocess.Popen(sys.argv[1:])
    _, status, usage = os.wait4(process.pid, 0)
    sys.stderr.write(f"\npeak-kib {usage.ru_maxrss}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
