"""kfilm-tracker: never miss a Korean film review or a Netflix release.

The package is drawn by pipeline stage: see README.md, "How it is built" (the architecture of
record, kept true by tests/test_architecture.py), and the import-linter contracts in
pyproject.toml: shells (``cli``, ``daemon``, ``demo``) -> wiring (``app``) -> stages (``poll``,
``digest``, ``deliver``) -> ``parse``, ``understand``, ``storage``, ``config`` -> foundation
(``text``, ``urls``, ``httpdate``, ``logs``, ``resources``, ``types``, ``exceptions``).
"""

__version__ = "0.1.0"
