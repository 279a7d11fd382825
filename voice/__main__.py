"""`python -m voice` runs the command line."""

import sys

from voice.cli import main

sys.exit(main())
