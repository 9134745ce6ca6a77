"""What clustering keeps of one entry: ``FilmKeys``, computed once at ingest (``match.film_keys``),
stored with the entry, and read by every digest (``match.cluster_keys``, ``joins``).

Owns that record and nothing else: plain values, so that storage can keep them and the
digest can cluster a week without reading a text. Must not compute them.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class FilmKeys(NamedTuple):
    """Everything clustering needs about one entry, from ``film_keys``: plain values only
    (str, int, bool, None, tuples of str, a datetime), so they can be stored at ingest. They
    depend on the lexicon they were computed with: compute them again when it changes."""

    #: the normalised canonical title; None when the entry names no film
    base: str | None = None
    #: whether the lexicon has a work of that title (only uncurated titles join across scripts:
    #: curated ones are joined through their aliases already)
    curated: bool = False
    #: the same-title curated work the entry is about, as its position among the works of that
    #: title in the lexicon; None when the title has fewer than two (then stated years decide)
    work: int | None = None
    #: the year the entry states for the film
    year: int | None = None
    published: datetime | None = None
    #: the curated people (music acts left out) its headline and text name, romanised, sorted;
    #: only for an uncurated title, the one case they are needed
    people: tuple[str, ...] = ()
    #: those of them who are directors
    directors: tuple[str, ...] = ()
    #: for an uncurated title, the normalised form in the other script the entry states with
    #: it ("The Quiet Orchard (고요한 과수원)"): entries naming only that form join this one
    alias: str | None = None
    #: for an uncurated title, the loose keys (``romanize.name_fold``) of the Korean names its
    #: entry states, curated or found by their shape, in Latin letters or Hangul, and the
    #: sounds (``sounds.name_sound``, which start with ``~``) of those it writes in katakana;
    #: for a curated one, the keys of the work's curated cast (what a Japanese title of it
    #: shares): only compared with another entry's, never taken as names by themselves
    names: tuple[str, ...] = ()
    #: the normalised title without its subtitle or season ("Trauma Code: Heroes on Call" ->
    #: ``traumacode``), or for an uncurated title that has neither, that of the other-script
    #: title stated with it ("Honour (아너: 그녀들의 법정)" -> ``아너``); None when neither has
    stem: str | None = None
    #: whether the entry is about a Korean work (its classification): a title's transcription
    #: joins a title by sound only when they agree (런닝맨 the Korean variety show is not "The
    #: Running Man" the American film)
    korean: bool | None = None
