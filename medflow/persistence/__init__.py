"""SQLAlchemy 2 typed models and small query helpers."""
