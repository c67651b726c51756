"""Build hook: ship the top-level templates/, workflows/ and migrations/ inside the package.

The folders at the top of the repository stay the source of truth; a built wheel carries a
copy in medflow/_data/, which medflow.config finds when the package runs installed. The Danish
catalogue is compiled into the wheel too (the .mo file is not kept in git).
Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("templates", "workflows", "migrations")


class BuildPyWithData(build_py):
    """build_py that also copies the data folders into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the folders in the checkout
        for folder in SHIPPED:
            target = Path(self.build_lib, "medflow", "_data", folder)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(folder, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))
        self._compile_catalogues()

    def _compile_catalogues(self):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in Path("medflow", "translations").glob("*/LC_MESSAGES/messages.po"):
            mo = Path(self.build_lib, po.with_suffix(".mo"))
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


setup(cmdclass={"build_py": BuildPyWithData})
