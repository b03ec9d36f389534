"""`python -m minutes_nlp` runs the command-line interface."""

from minutes_nlp.cli import main

main()
