"""Mail conventions of the digest (issue 12, item 2): the addresses in ``[digest]`` checked with
email-validator (syntax only) and reported key by key, and the unsubscribe headers of every
digest (RFC 2369 ``List-Unsubscribe``, RFC 6068 ``mailto:``, RFC 8058 one-click) as a real SMTP
server on 127.0.0.1 receives them, after folding, and in the demo's ``digest.eml``.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from fakes import FakeClock
from smtpserver import SMTPTestServer

from tracker import app as core
from tracker.config.schema import PLACEHOLDER_RECIPIENT, DigestConfig, load_config
from tracker.deliver.message import (
    ONE_CLICK,
    RECIPIENT_PLACEHOLDER,
    Envelope,
    build_message,
    message_id_for,
    unsubscribe_mailto,
    unsubscribe_url_for,
)
from tracker.deliver.outbox import OutboxSender
from tracker.deliver.smtp import SmtpSender
from tracker.demo import run_demo
from tracker.exceptions import ConfigError
from tracker.types import IsoWeek

SENDER = "kfilm-tracker <digest@kfilm.example>"
RECIPIENT = "reader@example.com"
HANGUL = "영화@예시.한국"
#: each address as it reads in the https URL: URL-quoted whole, UTF-8 bytes for Hangul
WHO = {
    "reader@example.com": "reader%40example.com",
    HANGUL: "%EC%98%81%ED%99%94%40%EC%98%88%EC%8B%9C.%ED%95%9C%EA%B5%AD",
}
#: long enough that the header cannot stay on one 78-character line
UNSUBSCRIBE = "https://unsubscribe.kfilm.example/lists/korean-film-weekly/one-click?who={recipient}"
KST = timezone(timedelta(hours=9))
WEEK = IsoWeek(2026, 47)
SEND_AT = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def problems(text: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """Every problem of a config text, by its dotted key."""
    with pytest.raises(ConfigError) as info:
        load_config(text, env=env)
    return {p.key: str(p) for p in info.value.problems}


def digest_section(**keys: object) -> str:
    return "[digest]\n" + "".join(
        f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in keys.items()
    )


# -- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "you@example.com",
        "You.Name+films@Example.CO.KR",
        HANGUL,
        "reader@예시.한국",
        # a local mail setup (this machine's own mailboxes) is a real use; see the next test
        "root@localhost",
        "digest@kfilm-tracker.localhost",
    ],
)
def test_good_recipients_pass_as_written(address: str) -> None:
    config = load_config(digest_section(recipients=[address]))
    assert config.digest.recipients == [address]  # kept as written: no normalising


@pytest.mark.parametrize(
    "sender",
    [
        "you@example.com",
        "Name <you@example.com>",
        "kfilm-tracker <kfilm-tracker@localhost>",  # the starter config's own sender
        "kfilm-tracker demo <demo@kfilm-tracker.localhost>",  # the demo's
        "한국 영화 주간 <digest@kfilm.example>",  # RFC 6532: a UTF-8 name needs no quotes
        '"Kim, Film" <digest@kfilm.example>',
        "Film Co. <digest@kfilm.example>",
        f"주간 <{HANGUL}>",
        "<digest@kfilm.example>",
    ],
)
def test_good_senders_pass_as_written(sender: str) -> None:
    assert load_config(digest_section(sender=sender)).digest.sender == sender


def test_localhost_is_accepted_because_a_local_mail_setup_is_a_real_use() -> None:
    """email-validator alone refuses ``root@localhost`` (a special-use name, no dot). We accept
    ``localhost`` and the names under it (RFC 6761: always this machine): the starter config's
    sender is ``kfilm-tracker@localhost``. The rest of such an address is still checked."""
    config = load_config(
        digest_section(sender="Root <root@localhost>", recipients=["root@LOCALHOST"])
    )
    assert config.digest.recipients == ["root@LOCALHOST"]
    found = problems(digest_section(recipients=["a..b@localhost", "x@bad_label.localhost"]))
    assert set(found) == {"digest.recipients[0]", "digest.recipients[1]"}
    # another single-label or special-use domain is refused, saying why and what to write
    found = problems(digest_section(recipients=["root@mailhost", "me@nas.local"]))
    assert "should have a period" in found["digest.recipients[0]"]
    assert "special-use" in found["digest.recipients[1]"]
    for text in found.values():
        assert '"you@example.com"' in text and '"root@localhost"' in text


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("x@y", "should have a period"),
        ("a..b@example.com", "two periods in a row"),
        ("you@example", "should have a period"),
        ("Name <you@example.com>", "display name"),  # recipients are bare addresses
        ("", "@-sign"),
        ("you @example.com", "invalid characters"),
        ("a@b@example.com", "invalid characters"),
        ("you@exa_mple.com", "invalid characters"),
        ("you@example.com, them@example.com", "invalid characters"),
    ],
)
def test_bad_recipients_are_refused_by_their_path(address: str, why: str) -> None:
    found = problems(digest_section(recipients=["good@example.com", address]))
    assert list(found) == ["digest.recipients[1]"]
    assert repr(address) in found["digest.recipients[1]"]
    assert why in found["digest.recipients[1]"]


@pytest.mark.parametrize(
    ("sender", "why"),
    [
        ("x@y", "should have a period"),
        ("Name <a..b@example.com>", "two periods in a row"),
        ("Kim, Film <digest@kfilm.example>", "',' unquoted"),
        ("Ki(m) <digest@kfilm.example>", "'(' ')' unquoted"),
        ("Name <digest@kfilm.example> and more", "anything after"),
        ("Name", "@-sign"),
    ],
)
def test_bad_senders_are_refused_by_their_path(sender: str, why: str) -> None:
    found = problems(digest_section(sender=sender))
    assert list(found) == ["digest.sender"]
    assert why in found["digest.sender"]


def test_an_unquoted_name_with_a_comma_is_told_to_quote_it() -> None:
    # "Kim, Film <a@b>" is two mailboxes to a mail reader: the hint writes the one meant
    text = problems(digest_section(sender="Kim, Film <digest@kfilm.example>"))["digest.sender"]
    assert "hint: put the name in double quotes: '\"Kim, Film\" <digest@kfilm.example>'" in text


def test_every_bad_key_is_reported_at_once() -> None:
    text = digest_section(
        recipients=["ok@example.com", "x@y", "a..b@example.com"],
        sender="x@y",
        unsubscribe_url="http://example.org/unsubscribe",
        archive_url="ftp://example.org/kfilm/",
    )
    assert sorted(problems(text)) == [
        "digest.archive_url",
        "digest.recipients[1]",
        "digest.recipients[2]",
        "digest.sender",
        "digest.unsubscribe_url",
    ]


def test_an_address_from_the_environment_is_checked_too() -> None:
    found = problems("", env={"TRACKER_DIGEST__RECIPIENTS": '["you@example.com", "x@y"]'})
    assert list(found) == ["digest.recipients[1]"]


def test_the_error_reads_as_one_line_with_its_key() -> None:
    with pytest.raises(ConfigError) as info:
        load_config(digest_section(recipients=["x@y"]), source="tracker.toml")
    message = str(info.value)
    assert message.startswith("1 problem in tracker.toml:")
    assert "digest.recipients[0]: 'x@y' is not an email address: " in message


PROBE = """
import json, sys
from tracker.config.schema import load_config
load_config(sys.argv[1])
print(json.dumps("email_validator" in sys.modules))
"""


def imports_email_validator(config_text: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, config_text],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return bool(json.loads(done.stdout))


def test_email_validator_is_imported_only_for_a_config_with_addresses() -> None:
    assert not imports_email_validator("")
    assert not imports_email_validator(starter_like := '[digest]\nschedule = "mon 09:00"\n')
    assert imports_email_validator(starter_like + 'recipients = ["you@example.com"]\n')


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_help_and_version_never_import_email_validator(args: list[str]) -> None:
    probe = (
        "import sys\nsys.argv = ['tracker', *sys.argv[1:]]\nfrom tracker.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('email_validator' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() and done.stderr.strip().endswith("False")


# -- the two URL keys --------------------------------------------------------------------------


def test_the_keys_on_the_model() -> None:
    fields = DigestConfig.model_fields
    assert fields["unsubscribe_url"].default is None and fields["archive_url"].default is None
    # the config and the message fill the same placeholder
    assert PLACEHOLDER_RECIPIENT == RECIPIENT_PLACEHOLDER == "{recipient}"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/unsubscribe?who={recipient}",
        "https://example.org/unsubscribe/{recipient}/now",
        "https://example.org/unsubscribe",
        "HTTPS://example.org:8443/u?list=weekly&who={recipient}",
    ],
)
def test_good_unsubscribe_urls_pass_as_written(url: str) -> None:
    assert load_config(digest_section(unsubscribe_url=url)).digest.unsubscribe_url == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://example.org/unsubscribe", "https://"),
        ("mailto:digest@kfilm.example", "https://"),
        ("example.org/unsubscribe", "https://"),
        ("https:///unsubscribe", "https://"),
        ("https://example.org/un subscribe", "https://"),
        ("https://example.org/구독", "percent-encode"),
        ("https://example.org/u?who={email}", "percent-encode"),
        ("https://example.org/u?who=<{recipient}>", "percent-encode"),
        ("https://{recipient}.example.org/u", "path or the query"),
    ],
)
def test_bad_unsubscribe_urls_are_refused_by_their_key(url: str, why: str) -> None:
    found = problems(digest_section(unsubscribe_url=url))
    assert list(found) == ["digest.unsubscribe_url"]
    assert why in found["digest.unsubscribe_url"]


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://example.org/kfilm/", "https://example.org/kfilm/"),
        ("https://example.org/kfilm", "https://example.org/kfilm/"),
        ("https://example.org/kfilm///", "https://example.org/kfilm/"),
        ("http://example.org", "http://example.org/"),
        ("http://127.0.0.1:8080/archive", "http://127.0.0.1:8080/archive/"),
    ],
)
def test_archive_url_ends_in_exactly_one_slash(url: str, normal: str) -> None:
    assert load_config(digest_section(archive_url=url)).digest.archive_url == normal


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/kfilm/", "/kfilm/", "example.org/kfilm", "https://example.org/?page=1",
     "https://example.org/kfilm/#latest"],
)  # fmt: skip
def test_bad_archive_urls_are_refused_by_their_key(url: str) -> None:
    assert list(problems(digest_section(archive_url=url))) == ["digest.archive_url"]


# -- the headers -------------------------------------------------------------------------------


def envelope(**changes: Any) -> Envelope:
    values: dict[str, Any] = {
        "sender": SENDER,
        "recipient": RECIPIENT,
        "subject": "이번 주 한국 영화",
        "html": "<p>파묘</p>",
        "text": "파묘\n",
        "message_id": message_id_for("2026-W47", RECIPIENT, "kfilm.example"),
        "date": datetime(2026, 11, 23, 9, 0, tzinfo=KST),
        "list_id": "Korean film weekly <weekly.kfilm.example>",
    }
    values.update(changes)
    return Envelope(**values)


def header_lines(raw: bytes, name: str) -> list[bytes]:
    """The physical lines of one header as written: its first line and its continuations."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    start = next(i for i, line in enumerate(head) if line.lower().startswith(name.lower() + b":"))
    end = start + 1
    while end < len(head) and head[end][:1] in (b" ", b"\t"):
        end += 1
    return head[start:end]


def mailto_parts(uri: str) -> tuple[str, str]:
    """The address and the subject of a mailto URI, decoded the RFC 6068 way (no "+" as space)."""
    parts = urlsplit(uri)
    assert parts.scheme == "mailto"
    [(key, value)] = [pair.split("=", 1) for pair in parts.query.split("&")]
    assert key == "subject"
    return unquote(parts.path), unquote(value)


def test_without_an_unsubscribe_url_the_mailto_alone() -> None:
    parsed = email.message_from_bytes(
        build_message(envelope()).as_bytes(), policy=email.policy.default
    )
    assert parsed["List-Unsubscribe"] == (
        "<mailto:digest@kfilm.example?subject=unsubscribe%20reader@example.com>"
    )
    assert parsed["List-Unsubscribe-Post"] is None  # RFC 8058: never without an https URI


def test_with_an_unsubscribe_url_the_https_link_comes_first_and_one_click_is_declared() -> None:
    url = unsubscribe_url_for("https://example.org/u?who={recipient}", RECIPIENT)
    parsed = email.message_from_bytes(
        build_message(envelope(unsubscribe_url=url)).as_bytes(), policy=email.policy.default
    )
    assert parsed["List-Unsubscribe"] == (
        "<https://example.org/u?who=reader%40example.com>, "
        "<mailto:digest@kfilm.example?subject=unsubscribe%20reader@example.com>"
    )
    assert parsed["List-Unsubscribe-Post"] == ONE_CLICK == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    "recipient",
    [RECIPIENT, "you+films@example.com", HANGUL, "a&b=c@example.com", "o'neil%x@example.com"],
)
def test_recipient_is_filled_in_quoted_and_decodes_back(recipient: str) -> None:
    url = unsubscribe_url_for("https://example.org/u?who={recipient}&list=weekly", recipient)
    assert url.isascii() and "{" not in url
    # quoted whole: no address can add or change a query parameter
    assert parse_qs(urlsplit(url).query) == {"who": [recipient], "list": ["weekly"]}
    mailto = unsubscribe_mailto("주간 <digest@kfilm.example>", recipient)
    assert mailto is not None and mailto.isascii() and " " not in mailto and "+" not in mailto
    assert mailto_parts(mailto) == ("digest@kfilm.example", f"unsubscribe {recipient}")


def test_every_placeholder_is_filled() -> None:
    url = unsubscribe_url_for("https://example.org/{recipient}/u?again={recipient}", HANGUL)
    assert url == f"https://example.org/{WHO[HANGUL]}/u?again={WHO[HANGUL]}"


def test_a_sender_of_unicode_is_percent_encoded_in_the_mailto() -> None:
    mailto = unsubscribe_mailto(f"주간 <{HANGUL}>", RECIPIENT)
    assert mailto is not None and mailto.isascii()
    assert mailto_parts(mailto) == (HANGUL, f"unsubscribe {RECIPIENT}")


def test_a_long_header_folds_between_its_uris_never_into_encoded_words() -> None:
    """The stdlib would write a too-long List-Unsubscribe as =?utf-8?q?...?= words: Python
    decodes them, mail clients do not. The raw bytes must hold the URIs themselves."""
    url = unsubscribe_url_for(UNSUBSCRIBE, HANGUL)
    built = build_message(envelope(recipient=HANGUL, unsubscribe_url=url))
    expected = f"<{url}>, <{unsubscribe_mailto(SENDER, HANGUL)}>"
    for policy in (email.policy.SMTP, email.policy.SMTPUTF8):
        raw = built.as_bytes(policy=policy)
        lines = header_lines(raw, b"List-Unsubscribe")
        assert len(lines) == 2  # folded once, between the two URIs
        assert lines[0] == f"List-Unsubscribe: <{url}>,".encode()
        assert lines[1].startswith(b" <mailto:")
        assert all(b"=?" not in line and len(line) <= 998 for line in lines)
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert parsed["List-Unsubscribe"] == expected


def test_the_outbox_writes_the_header_folded_the_same_way(tmp_path: Path) -> None:
    url = unsubscribe_url_for(UNSUBSCRIBE, RECIPIENT)
    eml = Path(
        asyncio.run(OutboxSender(tmp_path).send(build_message(envelope(unsubscribe_url=url))))
    )
    raw = eml.read_bytes()
    assert all(b"=?" not in line for line in header_lines(raw, b"List-Unsubscribe"))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["List-Unsubscribe"].startswith(f"<{url}>, <mailto:digest@kfilm.example?")


def test_every_url_the_config_takes_makes_a_message() -> None:
    for url in ("https://example.org/u?who={recipient}", "HTTPS://example.org:8443/u"):
        template = load_config(digest_section(unsubscribe_url=url)).digest.unsubscribe_url
        assert template is not None
        filled = unsubscribe_url_for(template, HANGUL)
        message = build_message(envelope(recipient=HANGUL, unsubscribe_url=filled))
        assert str(message["List-Unsubscribe"]).startswith(f"<{filled}>, <mailto:")


def test_an_envelope_refuses_a_url_the_config_would_refuse() -> None:
    for url in ("http://example.org/u", "https://example.org/구독"):
        with pytest.raises(ValueError, match="unsubscribe_url"):
            envelope(unsubscribe_url=url)


# -- through a real SMTP server ----------------------------------------------------------------


@pytest.fixture
def smtp() -> Iterator[SMTPTestServer]:
    # SMTPUTF8: mail to 영화@예시.한국 needs it (aiosmtplib refuses to send it otherwise)
    with SMTPTestServer(smtputf8=True) as server:
        yield server


def received(smtp: SMTPTestServer) -> dict[str, EmailMessage]:
    return {message.rcpt_tos[0]: message.parsed() for message in smtp.messages}


def test_smtp_server_receives_both_uris_for_a_hangul_recipient(smtp: SMTPTestServer) -> None:
    sender = SmtpSender(
        host=smtp.host, port=smtp.port, security="none", username=None, password=None, timeout=10
    )
    for recipient in (RECIPIENT, HANGUL):
        url = unsubscribe_url_for(UNSUBSCRIBE, recipient)
        asyncio.run(sender.send(build_message(envelope(recipient=recipient, unsubscribe_url=url))))
    by_recipient = received(smtp)
    assert set(by_recipient) == {RECIPIENT, HANGUL}
    for recipient, message in by_recipient.items():
        https, mailto = str(message["List-Unsubscribe"]).split(", ")
        assert https == "<" + UNSUBSCRIBE.replace("{recipient}", WHO[recipient]) + ">"
        assert mailto_parts(mailto.strip("<>")) == (
            "digest@kfilm.example",
            f"unsubscribe {recipient}",
        )
        assert message["List-Unsubscribe-Post"] == ONE_CLICK
        assert message["To"] == recipient
    raw = next(m.data for m in smtp.messages if m.rcpt_tos == (HANGUL,))
    assert all(b"=?" not in line for line in header_lines(raw, b"List-Unsubscribe"))


def write_config(tmp_path: Path, smtp: SMTPTestServer, digest: str = "") -> str:
    return "\n".join(
        [
            "[database]",
            f'url = "sqlite:///{(tmp_path / "tracker.db").as_posix()}"',
            "[tracker]",
            "collections = []",
            f'state_dir = "{(tmp_path / "state").as_posix()}"',
            "[digest]",
            f'sender = "{SENDER}"',
            f'recipients = ["{RECIPIENT}", "{HANGUL}"]',
            "send_if_empty = true",
            digest,
            "[smtp]",
            f'host = "{smtp.host}"',
            f"port = {smtp.port}",
            'security = "none"',
            "timeout = 10",
        ]
    )


def send_week(text: str) -> list[str]:
    with core.make_tracker(load_config(text), clock=FakeClock(SEND_AT)) as tracker:
        return [o.status for o in asyncio.run(tracker.send_digest(WEEK))]


def test_the_config_reaches_every_digest_sent(tmp_path: Path, smtp: SMTPTestServer) -> None:
    text = write_config(tmp_path, smtp, f'unsubscribe_url = "{UNSUBSCRIBE}"')
    assert send_week(text) == ["sent", "sent"]
    for recipient, message in received(smtp).items():
        url = unsubscribe_url_for(UNSUBSCRIBE, recipient)
        assert message["List-Unsubscribe"] == f"<{url}>, <{unsubscribe_mailto(SENDER, recipient)}>"
        assert message["List-Unsubscribe-Post"] == ONE_CLICK


def test_without_the_key_every_digest_still_has_the_mailto(
    tmp_path: Path, smtp: SMTPTestServer
) -> None:
    assert send_week(write_config(tmp_path, smtp)) == ["sent", "sent"]
    messages = received(smtp)
    assert messages[HANGUL]["List-Unsubscribe"] == (
        "<mailto:digest@kfilm.example?subject=unsubscribe%20"
        "%EC%98%81%ED%99%94@%EC%98%88%EC%8B%9C.%ED%95%9C%EA%B5%AD>"
    )
    assert all(m["List-Unsubscribe-Post"] is None for m in messages.values())


# -- the demo ----------------------------------------------------------------------------------


def test_the_demo_eml_carries_list_unsubscribe(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo")
    raw = result.eml.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    mailto = "<mailto:demo@kfilm-tracker.localhost?subject=unsubscribe%20you@example.com>"
    assert message["List-Unsubscribe"] == mailto
    assert message["List-Unsubscribe-Post"] is None
    assert header_lines(raw, b"List-Unsubscribe") == [f"List-Unsubscribe: {mailto}".encode()]


def test_the_footer_links_are_made_personal_per_recipient() -> None:
    """The digest is rendered once; each recipient's copy unsubscribes that recipient."""
    from digest_samples import full_digest

    from tracker.deliver.message import personalise, unsubscribe_mailto
    from tracker.digest.fit import Links
    from tracker.digest.render import Renderer

    sender = "kfilm <digest@kfilm.example>"
    template = "https://kfilm.example/unsubscribe?who={recipient}&list=weekly"
    rendered = Renderer().render(
        full_digest(),
        links=Links(unsubscribe=template, unsubscribe_mailto=unsubscribe_mailto(sender)),
    )
    assert 'href="https://kfilm.example/unsubscribe?who={recipient}&amp;list=weekly"' in (
        rendered.html
    )
    mine = personalise(rendered, sender, "영화@예시.한국", template)
    filled = "https://kfilm.example/unsubscribe?who=%EC%98%81%ED%99%94%40%EC%98%88%EC%8B%9C.%ED%95%9C%EA%B5%AD&list=weekly"
    assert f'href="{filled.replace("&", "&amp;")}"' in mine.html
    assert f"Unsubscribe:\n  {filled}" in mine.text
    assert "{recipient}" not in mine.html and "{recipient}" not in mine.text
    mailto = unsubscribe_mailto(sender, "영화@예시.한국")
    assert mailto and mailto.replace("&", "&amp;") in mine.html
    # nothing else changed
    assert len(mine.html.splitlines()) == len(rendered.html.splitlines())
    assert mine.subject == rendered.subject
