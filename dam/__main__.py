"""Entry point for `python -m dam`."""

import sys

from dam.cli import main

sys.exit(main())
