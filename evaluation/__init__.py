"""The evaluation harness behind ``reportqa eval``: reportqa beside a vanilla baseline.

Data flows forward: ``questions`` (the labelled set) → ``runner`` (each system over
each question, scored with ``metrics``) → ``report`` (per-kind summaries, the
Markdown table). ``baseline`` is the vanilla LangChain pipeline compared against.
"""
