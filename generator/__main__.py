"""`python -m generator` is the `cards` command."""
from .cli import main

raise SystemExit(main())
