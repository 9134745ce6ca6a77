"""The parse stage: feed document bytes -> ``ParsedFeed`` (``feed.parse_feed``), the only code
that uses feedparser, with nh3 for the HTML it keeps. Imports nothing here, so the sanitiser can
be used without loading feedparser.
"""
