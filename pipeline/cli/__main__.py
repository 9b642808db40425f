"""`python -m pipeline.cli ...`: the same as the `brief` console script."""

from . import main

main()
