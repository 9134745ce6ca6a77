"""A value an instance computes on first use and keeps: ``view``.

Owns that one descriptor, shared by ``Document`` (a dozen views of one entry's text) and
``Lexicon`` (the scanners built from the curated data). Two reasons it is not
``functools.cached_property``: Python 3.11 takes a lock at every first use, which a
``Document`` pays a dozen times per entry; and the wheel compiles this package with mypyc,
which reads ``cached_property`` as a plain ``property`` and would rebuild every scanner at
every use. A class using ``view`` keeps a ``__dict__``: under mypyc it must be marked
``@mypyc_attr(native_class=False)``. Must not know what any view computes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

_T = TypeVar("_T")


class view(Generic[_T]):
    """``@view`` over a method: the method runs on the first read of the attribute, and its
    value is kept in the instance, so the next read finds the value, not the view."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = ""
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        # the name the class gives it, not ``compute.__name__``: a compiled method has none
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> view[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...
    def __get__(self, instance: object | None, owner: type) -> view[_T] | _T:
        if instance is None:
            return self
        value: _T = self.compute(instance)
        instance.__dict__[self.name] = value
        return value
