import sys

from footprint.pipeline.cli import main

sys.exit(main())
