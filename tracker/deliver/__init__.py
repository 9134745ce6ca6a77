"""The delivery stage: each week's digest to each recipient exactly once (``ledger``), as one
email (``message``), by SMTP (``smtp``) or into the file outbox (``outbox``). Imports nothing here.
"""
