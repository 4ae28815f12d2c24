"""Entry point of `python -m gisapp`."""

import sys

from gisapp.cli import main

sys.exit(main())
