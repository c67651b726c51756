"""medflow: a case engine for Danish municipal co-determination (MED)."""

from medflow.app import create_app

__all__ = ["create_app"]
__version__ = "0.1.0"
