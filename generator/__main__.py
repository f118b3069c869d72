"""`python -m generator` is the `cards` command."""
from generator.cli import main

if __name__ == "__main__":  # not when a spawned worker process imports it
    raise SystemExit(main())
