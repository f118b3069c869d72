"""`python -m generator` is the `cards` command."""
from generator.cli import main

raise SystemExit(main())
