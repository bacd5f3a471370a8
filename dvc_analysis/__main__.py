"""Allow `python -m dvc_analysis ...`."""

from .cli import main

raise SystemExit(main())
