"""What building an app costs, paid once per process or only when first needed: a server worker
starts sooner, and the tests, which build an app for each test, spend their time testing."""

from __future__ import annotations

from jinja2 import BytecodeCache
from werkzeug.routing import Rule


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the process: every app made here (tests make one each; a server
    one per worker) compiles a template once, not once per app. A changed template has a new
    checksum and is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        """Give the bucket the code compiled before, if any."""
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        """Keep what was just compiled."""
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


class LazyRule(Rule):
    """A URL rule whose URL builders are compiled when first used, not when the app is built.

    Werkzeug compiles two builder functions for every rule as it is added (nine tenths of building
    an app with 180 routes); a request or a test links to a few dozen of them.
    """

    def _compile_builder(self, append_unknown: bool = True):
        name = "_build_unknown" if append_unknown else "_build"

        def build_then_keep(rule: Rule, *args, **kwargs):
            compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, name, compiled)  # from now on the compiled builder is called directly
            return compiled(*args, **kwargs)

        return build_then_keep
