"""kfilm-tracker: never miss a Korean film review or a Netflix release.

The package is layered (see DESIGN.md and the import-linter contracts in pyproject.toml):
shells (cli, scheduler) -> facade (core) -> orchestration (update, digest) -> adapters
(fetch, storage, render, deliver) -> pure core -> foundation (types, exceptions, resources).
"""

__version__ = "0.1.0"
