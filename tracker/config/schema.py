"""The config file: its schema, its defaults, and every error in it at once.

Owns parsing ``tracker.toml`` text (tomllib), applying ``TRACKER_<SECTION>__<KEY>`` overrides
from an environment mapping passed in, and validating with pydantic models (``extra="forbid"``).
Must not read files, the real environment or the clock: callers pass text and a mapping, so this
stays pure and testable. Finding the file lives in ``locate``, editing it in place in ``edit``.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tracker.exceptions import ConfigError, ConfigProblem
from tracker.types import FeedKind, FeedSpec
from tracker.urls import is_http_url, url_problem

ENV_PREFIX = "TRACKER_"
DEFAULT_USER_AGENT = (
    "kfilm-tracker/0.1 (+https://pypi.org/project/kfilm-tracker/; polite feed reader)"
)

#: the placeholder of ``[digest] unsubscribe_url`` that becomes each recipient's address
PLACEHOLDER_RECIPIENT = "{recipient}"

_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*w)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$"
)


def parse_duration(value: object) -> timedelta:
    """``"90s"``, ``"15m"``, ``"2h"``, ``"1d"``, ``"4w"``, ``"1h30m"``, or a number of seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '30m', '2h' or '1d'")
    if isinstance(value, int | float):
        if value <= 0:
            raise ValueError("must be positive")
        return timedelta(seconds=value)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match and any(match.groups()):
            w, d, h, m, s = (int(g) if g else 0 for g in match.groups())
            result = timedelta(weeks=w, days=d, hours=h, minutes=m, seconds=s)
            if result > timedelta(0):
                return result
    raise ValueError(f"{value!r} is not a duration such as '30m', '2h' or '1d'")


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


def parse_gap(value: object) -> timedelta:
    """Like ``parse_duration`` but zero and fractions of a second are allowed: ``"0s"``,
    ``"500ms"``, ``"1.5s"``, ``"1s"``, ``0.25`` (seconds), and the usual ``"1m"``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == 0:
        return timedelta(0)
    if isinstance(value, str):
        # sub-second gaps make sense here: "500ms", "0.5s", "0.5"
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*", value)
        if match:
            number = float(match.group(1))
            return (
                timedelta(milliseconds=number)
                if match.group(2) == "ms"
                else timedelta(seconds=number)
            )
    return parse_duration(value)


#: a duration that may be zero
Gap = Annotated[timedelta, BeforeValidator(parse_gap)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseConfig(_Section):
    #: SQLAlchemy URL; None means SQLite in the user data dir (resolved by ``app``)
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError("must start with sqlite:// or postgresql://")
        return value


class TrackerConfig(_Section):
    timezone: str = "Asia/Seoul"
    collections: list[str] = Field(default_factory=lambda: ["korean-film", "netflix"])
    #: where the outbox and rendered previews go; None means the user state dir
    state_dir: str | None = None

    @field_validator("timezone")
    @classmethod
    def _iana(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name") from e
        return value


class FeedConfig(_Section):
    url: str
    title: str | None = None
    kind: FeedKind = FeedKind.MIXED
    korean_only: bool = False
    interval: Duration | None = None
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        problem = url_problem(value)
        if problem is not None:
            raise ValueError(f"is not a usable http(s) URL: {problem}")
        return value

    def to_spec(self) -> FeedSpec:
        return FeedSpec(
            url=self.url,
            title=self.title,
            kind=self.kind,
            korean_only=self.korean_only,
            interval=self.interval,
            include=tuple(self.include),
            exclude=tuple(self.exclude),
        )


class PollConfig(_Section):
    interval: Duration = timedelta(hours=1)
    concurrency: int = Field(default=16, ge=1, le=256)
    timeout: float = Field(default=30.0, gt=0, le=600)
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    user_agent: str = DEFAULT_USER_AGENT
    #: worker processes for parsing; 0 means one per CPU
    workers: int = Field(default=0, ge=0, le=64)
    #: at most this many requests in flight to one host
    per_host: int = Field(default=2, ge=1, le=32)
    #: let feeds resolve to loopback / private addresses (your own LAN)
    allow_private_networks: bool = False
    #: never poll one feed more often than this, nor less often than ``max_interval``
    min_interval: Duration = timedelta(minutes=15)
    max_interval: Duration = timedelta(days=1)

    @model_validator(mode="after")
    def _floor_below_cap(self) -> PollConfig:
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval is longer than max_interval: swap them")
        return self

    #: at least this long between the starts of two requests to one host ("0s" turns it off;
    #: loopback hosts, this machine's own servers, never wait)
    host_gap: Gap = timedelta(seconds=1)
    #: a permanent redirect (301/308) seen this long without a change moves the feed to its
    #: new URL (the config URL stays the feed's name); a temporary one never does
    redirect_after: Duration = timedelta(days=7)
    #: how long an instance holds the due feeds it claimed (a batch of about ``concurrency``)
    #: before another may take them over: a process killed mid-poll loses its feeds after this
    lease: Duration = timedelta(minutes=10)
    #: how often the daemon looks for feeds whose time has come (and for leases that expired)
    check_every: Duration = timedelta(minutes=1)

    @field_validator("lease")
    @classmethod
    def _lease_outlasts_a_request(cls, value: timedelta, info: ValidationInfo) -> timedelta:
        # a live instance must store a feed before its lease ends, or another polls it again;
        # a claimed feed may wait for one batch ahead of it, so two request deadlines at least
        timeout = info.data.get("timeout")  # absent when timeout itself is invalid
        if timeout is not None and value < timedelta(seconds=2 * timeout):
            raise ValueError(
                f"must be at least twice [poll] timeout ({2 * timeout:g} s or more): "
                "another instance would poll a feed this one is still fetching"
            )
        return value

    @field_validator("check_every")
    @classmethod
    def _a_wake_up(cls, value: timedelta) -> timedelta:
        if not timedelta(seconds=1) <= value <= timedelta(minutes=1):
            raise ValueError("must be between 1s and 1m (how often to poll is [poll] interval)")
        if value.microseconds:
            raise ValueError("must be whole seconds")
        return value

    @field_validator("host_gap")
    @classmethod
    def _short_gap(cls, value: timedelta) -> timedelta:
        # a long gap times every feed of a big host out behind the others; it is a courtesy
        if value > timedelta(minutes=1):
            raise ValueError("must be at most 1m (it is a pause between requests, not a schedule)")
        return value


# -- email addresses and the digest's links -----------------------------------------------------

#: ``localhost`` and the names under it (RFC 6761: always this machine), at the end of an
#: address or before the ``>`` of ``Name <addr>``
_LOCAL_DOMAIN = re.compile(r"@((?:[^@\s<>]+\.)?localhost)(?=>?\s*$)", re.IGNORECASE)
_FULL_ADDRESS_HINT = (
    'write a full address such as "you@example.com"; for mail to this machine, "root@localhost"'
)
#: ``Name <addr>``: the name (quoted or not) and the address between the last angle brackets
_DISPLAY_FORM = re.compile(r"\s*(?P<name>[^<>]*?)\s*<(?P<address>[^<>]*)>\s*", re.DOTALL)
#: what an unquoted display name cannot hold (RFC 5322 specials): it would change the header
_NAME_SPECIALS = frozenset('()<>[]:;@\\,"')


def _reason(candidate: str, *, display_name: bool) -> str | None:
    """Why email-validator refuses ``candidate`` as an address, or None. Syntax only: no DNS."""
    # Imported here, not at the top: ~25 ms (its tables and idna), paid only by a config that
    # names an address, never by --help or a config without one.
    from email_validator import EmailNotValidError, validate_email

    # email-validator refuses localhost (no dot, and a special-use name). Here it is a real use:
    # a local mail setup delivers to this machine's own mailboxes, and the starter config's
    # sender is kfilm-tracker@localhost. So such an address is checked with its domain moved
    # under a neutral top-level name: the local part and every label are still checked.
    try:
        validate_email(
            _LOCAL_DOMAIN.sub(r"@\1.example", candidate),
            check_deliverability=False,
            allow_smtputf8=True,
            allow_display_name=display_name,
            allow_quoted_local=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as error:
        return str(error).rstrip(".")
    return None


def _address_error(value: str, reason: str, hint: str | None = None) -> PydanticCustomError:
    if hint is None and "@" in value:
        domain = value.rpartition("@")[2].rstrip("> \t")
        if "." not in domain or "special-use" in reason:
            hint = _FULL_ADDRESS_HINT
    return PydanticCustomError(
        "email_address",
        "{value} is not an email address: {reason}",
        {"value": repr(value), "reason": reason, "hint": hint},
    )


def _recipient(value: str) -> str:
    """A bare address, kept as written."""
    reason = _reason(value, display_name=False)
    if reason is None:
        return value
    hint = 'list bare addresses here, e.g. "you@example.com"' if "<" in value else None
    raise _address_error(value, reason, hint)


def _sender(value: str) -> str:
    """``addr`` or ``Name <addr>``, kept as written."""
    candidate = value
    form = _DISPLAY_FORM.fullmatch(value)
    if form is not None and form["name"] and not form["name"].startswith('"'):
        name = form["name"]
        specials = sorted({c for c in name if c in _NAME_SPECIALS or not c.isprintable()})
        if specials:
            raise _address_error(
                value,
                f"its display name holds {' '.join(map(repr, specials))} unquoted",
                f"put the name in double quotes: '\"{name}\" <{form['address']}>'",
            )
        # RFC 6532 lets an unquoted name be UTF-8 ("영화 주간 <a@example.com>"), and a "." in
        # one ("Film Co.") is the obsolete form every reader accepts; email-validator takes
        # both only quoted, so the name is checked quoted. The From header is written by the
        # email package, which encodes it as needed.
        candidate = f'"{name}" <{form["address"]}>'
    reason = _reason(candidate, display_name=True)
    if reason is not None:
        raise _address_error(value, reason)
    return value


#: one ``[digest] recipients`` entry: a bare address, checked where it stands, so a bad one is
#: reported as ``digest.recipients[2]``
Recipient = Annotated[str, AfterValidator(_recipient)]


class DigestConfig(_Section):
    schedule: str = "mon 09:00"
    recipients: list[Recipient] = Field(default_factory=list)
    #: ``addr@example.com`` or ``Name <addr@example.com>``, kept as written
    sender: str = "kfilm-tracker <kfilm-tracker@localhost>"
    #: a Jinja2 template string; None (not set in the file): the ``subject.txt.j2`` template,
    #: the user's own from ``templates`` when it has one, so that override is not dead
    subject: str | None = None
    send_if_empty: bool = False
    templates: str | None = None
    korean_only: bool = True
    #: on a feed's first poll, entries older than this are its backlog, not this week's news
    backfill: Duration = timedelta(days=7)
    #: after a downtime, missed weeks are sent for this far back (whole weeks, at least one);
    #: older ones are recorded in the ledger as skipped
    catch_up: Duration = timedelta(weeks=4)
    #: an https:// page where a reader unsubscribes (List-Unsubscribe, one-click per RFC 8058);
    #: each ``{recipient}`` in it becomes that message's URL-quoted address
    unsubscribe_url: str | None = None
    #: the public http(s) URL of the folder ``state_dir/archive/`` is served from; ends in "/"
    archive_url: str | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if not re.match(
            r"^(mon|tue|wed|thu|fri|sat|sun)\s+([01]?\d|2[0-3]):[0-5]\d$",
            value.strip(),
            re.IGNORECASE,
        ):
            raise ValueError("must look like 'mon 09:00' (a weekday and a 24-hour time)")
        return value.strip().lower()

    @field_validator("catch_up")
    @classmethod
    def _catch_up(cls, value: timedelta) -> timedelta:
        # counted in whole weeks (a digest is weekly): under one week is no window at all
        if value < timedelta(weeks=1):
            raise ValueError("must be at least '1w' (the newest missed week is always sent)")
        return value

    @field_validator("sender")
    @classmethod
    def _sender_address(cls, value: str) -> str:
        return _sender(value)

    @field_validator("unsubscribe_url")
    @classmethod
    def _unsubscribe_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        filled = value.replace(PLACEHOLDER_RECIPIENT, "x")
        # RFC 8058: a one-click unsubscribe URI must be https; mail clients ignore the others
        if not filled.lower().startswith("https://") or not is_http_url(filled):
            raise ValueError("must be an absolute https:// URL (one-click unsubscribe needs https)")
        if not filled.isascii() or any(c in filled for c in '<>"{}'):
            raise ValueError(
                f"may hold only ASCII URL characters and {PLACEHOLDER_RECIPIENT}: "
                "percent-encode the rest"
            )
        if PLACEHOLDER_RECIPIENT in urlsplit(value).netloc:
            raise ValueError(f"{PLACEHOLDER_RECIPIENT} belongs in the path or the query")
        return value

    @field_validator("archive_url")
    @classmethod
    def _archive_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        problem = url_problem(value)
        if problem is not None:
            raise ValueError(f"is not a usable http(s) URL: {problem}")
        if "?" in value or "#" in value:
            raise ValueError("must be a folder's URL, without ? or #")
        # one trailing slash: the archive's pages are joined onto it as relative names
        return value.rstrip("/") + "/"


class SmtpConfig(_Section):
    host: str
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    timeout: float = Field(default=30.0, gt=0, le=600)

    @property
    def effective_port(self) -> int:
        if self.port is not None:
            return self.port
        return {"starttls": 587, "tls": 465, "none": 25}[self.security]


class HealthConfig(_Section):
    #: ``tracker health`` fails when more than this fraction (0-1) of the followed feeds have
    #: been failing for over a day: one dead blog is the coverage footer's news, not an alarm
    failing_feeds: float = Field(default=0.25, ge=0, le=1)


class Config(_Section):
    database: DatabaseConfig = DatabaseConfig()
    tracker: TrackerConfig = TrackerConfig()
    feeds: list[FeedConfig] = Field(default_factory=list)
    poll: PollConfig = PollConfig()
    digest: DigestConfig = DigestConfig()
    smtp: SmtpConfig | None = None
    health: HealthConfig = HealthConfig()

    @field_validator("feeds")
    @classmethod
    def _unique_feeds(cls, value: list[FeedConfig]) -> list[FeedConfig]:
        seen: set[str] = set()
        for feed in value:
            if feed.url in seen:
                raise ValueError(f"{feed.url} is listed twice")
            seen.add(feed.url)
        return value


SECTIONS: dict[str, type[BaseModel]] = {
    "database": DatabaseConfig,
    "tracker": TrackerConfig,
    "poll": PollConfig,
    "digest": DigestConfig,
    "smtp": SmtpConfig,
    "health": HealthConfig,
}


def _env_value(raw: str) -> Any:
    """An environment value is read as a TOML value when it is one (8, true, ["a", "b"]),
    else taken as a plain string, so ``TRACKER_DATABASE__URL=sqlite:///x.db`` needs no quotes."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def apply_env(data: dict[str, Any], env: Mapping[str, str]) -> list[ConfigProblem]:
    """Overlay ``TRACKER_<SECTION>__<KEY>`` variables onto ``data`` (in place)."""
    problems: list[ConfigProblem] = []
    for name, raw in sorted(env.items()):
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        model = SECTIONS.get(section)
        if model is None or key not in model.model_fields:
            problems.append(
                ConfigProblem(
                    f"${name}",
                    "does not name a config key",
                    "use TRACKER_<SECTION>__<KEY>, e.g. TRACKER_POLL__CONCURRENCY",
                )
            )
            continue
        target = data.setdefault(section, {})
        if not isinstance(target, dict):
            continue
        target[key] = _env_value(raw)
    return problems


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Config
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        fld = model.model_fields.get(part)
        if fld is None:
            return None
        annotation = fld.annotation
        nested: type[BaseModel] | None = None
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (candidate, *getattr(candidate, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    nested = inner
        model = nested
    return model


def _problem(error: Any) -> ConfigProblem:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    key = _dotted(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else (f"known keys here: {', '.join(known)}" if known else None)
        )
        return ConfigProblem(key, "unknown key", hint)
    if kind == "missing":
        return ConfigProblem(key, "is required", None)
    message = str(error["msg"]).removeprefix("Value error, ")
    # our own checks (an email address) carry their hint with them
    hint = (error.get("ctx") or {}).get("hint")
    if kind.startswith(("int_", "float_", "bool_", "string_", "list_")):
        hint = f"got {error.get('input')!r}"
    return ConfigProblem(key, message, hint)


def load_config(
    text: str = "", *, env: Mapping[str, str] | None = None, source: str | None = None
) -> Config:
    """Parse and validate config text. Raises ``ConfigError`` with every problem at once."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(
            [ConfigProblem("(syntax)", str(e), "check the TOML syntax at that line")],
            source=source,
        ) from e
    problems = apply_env(data, env or {})
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        problems.extend(_problem(err) for err in e.errors())
        raise ConfigError(problems, source=source) from e
    if problems:
        raise ConfigError(problems, source=source)
    return config
