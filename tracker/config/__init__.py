"""The config stage: the TOML file (``schema``), where it lives (``locate``), editing it with its
comments kept (``edit``), the curated feed catalog (``catalog``) and OPML (``opml``). Imports
nothing here, so naming a submodule costs only that submodule.
"""
