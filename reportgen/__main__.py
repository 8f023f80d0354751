"""`python -m reportgen` is the `reportgen` command."""

from reportgen.cli import main

raise SystemExit(main())
