"""``python -m agreement_lint`` runs the same command as ``agreement-lint``."""

from .cli import main

main()
