"""``python -m queries``: list and run accountability audits."""

from __future__ import annotations

import sys

from queries.cli import main

if __name__ == "__main__":
    sys.exit(main())
