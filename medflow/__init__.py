"""medflow: a case engine for Danish municipal co-determination (MED)."""

from medflow.app import create_app
from medflow.config import VERSION as __version__

__all__ = ["__version__", "create_app"]
